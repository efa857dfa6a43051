"""psycopg2 smoke test, run by ClientSmokeTest as `/usr/bin/python3 smoke.py PORT` against a password-mode server.

Prints one line per step; any failure exits non-zero with a traceback.
"""
import os
import sys

import psycopg2
import psycopg2.errors

port = int(sys.argv[1])
conn = psycopg2.connect(host="127.0.0.1", port=port, user="nodedb", password=os.environ["NODEDB_PASSWORD"],
                        dbname="nodedb", connect_timeout=10, sslmode="disable")
print("connected")
conn.autocommit = True
cur = conn.cursor()
cur.execute("CREATE TABLE py_smoke (id INT PRIMARY KEY, name TEXT, score FLOAT)")
# psycopg2 interpolates parameters client side; the server sees literals, including quotes to escape
cur.execute("INSERT INTO py_smoke (id, name, score) VALUES (%s, %s, %s), (%s, %s, %s)",
            (1, "o'neil", 1.5, 2, "bob", None))
print("inserted", cur.rowcount)
# a server-side prepared statement through SQL PREPARE/EXECUTE is not offered; psycopg2 has no protocol-level one
cur.execute("SELECT name, score FROM py_smoke WHERE id = %s", (1,))
print("parameterized", cur.fetchall())
conn.autocommit = False  # psycopg2 opens the transaction itself with BEGIN
cur.execute("UPDATE py_smoke SET score = %s WHERE id = %s", (9.25, 2))
conn.commit()
cur.execute("DELETE FROM py_smoke")
conn.rollback()
cur.execute("SELECT id, name, score FROM py_smoke ORDER BY id")
print("after transactions", cur.fetchall())
conn.commit()
try:
    cur.execute("SELECT * FROM no_such_table")
    raise SystemExit("expected an error")
except psycopg2.Error as e:
    assert e.pgcode == "42P01", e.pgcode
    print("error", e.pgcode)
conn.rollback()
cur.execute("SELECT count(*) FROM py_smoke")
print("still usable", cur.fetchone()[0])
conn.close()
