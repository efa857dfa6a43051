// node-postgres smoke test, run by ClientSmokeTest as `node smoke.js PORT` against a password-mode server.
// Prints one line per step; any failure exits non-zero with the reason.
const { Client } = require('pg');

async function main() {
  const port = Number(process.argv[2]);
  const client = new Client({ host: '127.0.0.1', port, user: 'nodedb', password: process.env.NODEDB_PASSWORD,
    database: 'nodedb', connectionTimeoutMillis: 10000, query_timeout: 30000 });
  await client.connect();
  console.log('connected');
  await client.query('CREATE TABLE node_smoke (id INT PRIMARY KEY, name TEXT, score FLOAT)');
  // parameters go through Parse/Bind/Execute (the extended protocol)
  const ins = await client.query('INSERT INTO node_smoke (id, name, score) VALUES ($1, $2, $3), ($4, $5, $6)',
    [1, 'ada', 1.5, 2, 'bob', null]);
  console.log('inserted', ins.rowCount);
  const named = { name: 'by-id', text: 'SELECT name, score FROM node_smoke WHERE id = $1', values: [1] };
  let r = await client.query(named);
  r = await client.query({ ...named, values: [1] }); // second run reuses the named prepared statement
  console.log('prepared', JSON.stringify(r.rows));
  await client.query('BEGIN');
  await client.query('UPDATE node_smoke SET score = $1 WHERE id = $2', [9.25, 2]);
  await client.query('COMMIT');
  await client.query('BEGIN');
  await client.query('DELETE FROM node_smoke');
  await client.query('ROLLBACK');
  r = await client.query('SELECT id, name, score FROM node_smoke ORDER BY id');
  console.log('after transactions', JSON.stringify(r.rows));
  try {
    await client.query('SELECT * FROM no_such_table');
    throw new Error('expected an error');
  } catch (e) {
    if (e.code !== '42P01') throw e;
    console.log('error', e.code);
  }
  r = await client.query('SELECT count(*) AS n FROM node_smoke');
  console.log('still usable', r.rows[0].n);
  await client.end();
}

main().catch((e) => { console.error('FAILED', e); process.exit(1); });
