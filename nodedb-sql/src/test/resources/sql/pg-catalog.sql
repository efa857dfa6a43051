-- PostgreSQL catalog emulation: the literal queries psql 15 sends for \dt, \d, \d name, \l and \du (captured
-- with psql -E), then the catalog features they rely on. Oids: collection = 16384 + catalog id.
CREATE COLLECTION t1 (id BIGINT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE DEFAULT 1.5, emb VECTOR(3));
> CREATE COLLECTION

CREATE COLLECTION docs;
> CREATE COLLECTION

CREATE INDEX t1_name ON t1 (name);
> CREATE INDEX

-- psql \dt
SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;
> Schema | Name | Type | Owner
> public | docs | table | nodedb
> public | t1 | table | nodedb
> (2 rows)

-- psql \d
SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','v','m','S','f','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;
> Schema | Name | Type | Owner
> public | docs | table | nodedb
> public | t1 | table | nodedb
> (2 rows)

-- psql \d t1 (lookup)
SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(t1)$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;
> oid | nspname | relname
> 16385 | public | t1
> (1 row)

SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
FROM pg_catalog.pg_class c
 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
WHERE c.oid = '16385';
> relchecks | relkind | relhasindex | relhasrules | relhastriggers | relrowsecurity | relforcerowsecurity | relhasoids | relispartition | ?column? | reltablespace | case | relpersistence | relreplident | amname
> 0 | r | true | false | false | false | false | false | false |  | 0 |  | p | d | heap
> (1 row)

SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '16385' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;
> attname | format_type | ?column? | attnotnull | attcollation | attidentity | attgenerated
> id | bigint | NULL | true | NULL |  | 
> name | text | NULL | true | NULL |  | 
> score | double precision | 1.5 | false | NULL |  | 
> emb | real[] | NULL | false | NULL |  | 
> (4 rows)

SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = '16385' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname;
> relname | indisprimary | indisunique | indisclustered | indisvalid | pg_get_indexdef | pg_get_constraintdef | contype | condeferrable | condeferred | indisreplident | reltablespace
> t1_pkey | true | true | false | true | CREATE UNIQUE INDEX t1_pkey ON public.t1 USING btree (id) | PRIMARY KEY (id) | p | false | false | false | 0
> t1_name | false | false | false | true | CREATE INDEX t1_name ON public.t1 USING btree (name) | NULL | NULL | NULL | NULL | false | 0
> (2 rows)

SELECT pol.polname, pol.polpermissive,
  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
  CASE pol.polcmd
    WHEN 'r' THEN 'SELECT'
    WHEN 'a' THEN 'INSERT'
    WHEN 'w' THEN 'UPDATE'
    WHEN 'd' THEN 'DELETE'
    END AS cmd
FROM pg_catalog.pg_policy pol
WHERE pol.polrelid = '16385' ORDER BY 1;
> polname | polpermissive | case | pg_get_expr | pg_get_expr | cmd
> (0 rows)

SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
  'd' = any(stxkind) AS ndist_enabled,
  'f' = any(stxkind) AS deps_enabled,
  'm' = any(stxkind) AS mcv_enabled,
stxstattarget
FROM pg_catalog.pg_statistic_ext
WHERE stxrelid = '16385'
ORDER BY nsp, stxname;
> oid | stxrelid | nsp | stxname | columns | ndist_enabled | deps_enabled | mcv_enabled | stxstattarget
> (0 rows)

SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
WHERE pc.oid ='16385' and pg_catalog.pg_relation_is_publishable('16385')
UNION
SELECT pubname
     , pg_get_expr(pr.prqual, c.oid)
     , (CASE WHEN pr.prattrs IS NOT NULL THEN
         (SELECT string_agg(attname, ', ')
           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                pg_catalog.pg_attribute
          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
        ELSE NULL END) FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
WHERE pr.prrelid = '16385'
UNION
SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16385')
ORDER BY 1;
> pubname | ?column? | ?column?
> (0 rows)

SELECT c.oid::pg_catalog.regclass
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhparent AND i.inhrelid = '16385'
  AND c.relkind != 'p' AND c.relkind != 'I'
ORDER BY inhseqno;
> oid
> (0 rows)

SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhrelid AND i.inhparent = '16385'
ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;
> oid | relkind | inhdetachpending | pg_get_expr
> (0 rows)

SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(docs)$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;
> oid | nspname | relname
> 16386 | public | docs
> (1 row)

-- psql \d docs (lookup)
SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
FROM pg_catalog.pg_class c
 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
WHERE c.oid = '16386';
> relchecks | relkind | relhasindex | relhasrules | relhastriggers | relrowsecurity | relforcerowsecurity | relhasoids | relispartition | ?column? | reltablespace | case | relpersistence | relreplident | amname
> 0 | r | true | false | false | false | false | false | false |  | 0 |  | p | d | heap
> (1 row)

SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '16386' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;
> attname | format_type | ?column? | attnotnull | attcollation | attidentity | attgenerated
> id | text | NULL | true | NULL |  | 
> document | jsonb | NULL | false | NULL |  | 
> (2 rows)

SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = '16386' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname;
> relname | indisprimary | indisunique | indisclustered | indisvalid | pg_get_indexdef | pg_get_constraintdef | contype | condeferrable | condeferred | indisreplident | reltablespace
> docs_pkey | true | true | false | true | CREATE UNIQUE INDEX docs_pkey ON public.docs USING btree (id) | PRIMARY KEY (id) | p | false | false | false | 0
> (1 row)

SELECT pol.polname, pol.polpermissive,
  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
  CASE pol.polcmd
    WHEN 'r' THEN 'SELECT'
    WHEN 'a' THEN 'INSERT'
    WHEN 'w' THEN 'UPDATE'
    WHEN 'd' THEN 'DELETE'
    END AS cmd
FROM pg_catalog.pg_policy pol
WHERE pol.polrelid = '16386' ORDER BY 1;
> polname | polpermissive | case | pg_get_expr | pg_get_expr | cmd
> (0 rows)

SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
  'd' = any(stxkind) AS ndist_enabled,
  'f' = any(stxkind) AS deps_enabled,
  'm' = any(stxkind) AS mcv_enabled,
stxstattarget
FROM pg_catalog.pg_statistic_ext
WHERE stxrelid = '16386'
ORDER BY nsp, stxname;
> oid | stxrelid | nsp | stxname | columns | ndist_enabled | deps_enabled | mcv_enabled | stxstattarget
> (0 rows)

SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
WHERE pc.oid ='16386' and pg_catalog.pg_relation_is_publishable('16386')
UNION
SELECT pubname
     , pg_get_expr(pr.prqual, c.oid)
     , (CASE WHEN pr.prattrs IS NOT NULL THEN
         (SELECT string_agg(attname, ', ')
           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                pg_catalog.pg_attribute
          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
        ELSE NULL END) FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
WHERE pr.prrelid = '16386'
UNION
SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16386')
ORDER BY 1;
> pubname | ?column? | ?column?
> (0 rows)

SELECT c.oid::pg_catalog.regclass
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhparent AND i.inhrelid = '16386'
  AND c.relkind != 'p' AND c.relkind != 'I'
ORDER BY inhseqno;
> oid
> (0 rows)

SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhrelid AND i.inhparent = '16386'
ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;
> oid | relkind | inhdetachpending | pg_get_expr
> (0 rows)

SELECT d.datname as "Name",
       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
       pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
       d.datcollate as "Collate",
       d.datctype as "Ctype",
       d.daticulocale as "ICU Locale",
       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
       pg_catalog.array_to_string(d.datacl, E'\n') AS "Access privileges"
FROM pg_catalog.pg_database d
ORDER BY 1;
> Name | Owner | Encoding | Collate | Ctype | ICU Locale | Locale Provider | Access privileges
> nodedb | nodedb | UTF8 | C.UTF-8 | C.UTF-8 | NULL | libc | NULL
> (1 row)

SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof
, r.rolreplication
, r.rolbypassrls
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;
> rolname | rolsuper | rolinherit | rolcreaterole | rolcreatedb | rolcanlogin | rolconnlimit | rolvaliduntil | memberof | rolreplication | rolbypassrls
> nodedb | true | true | true | true | true | -1 | NULL | [] | false | true
> (1 row)
-- The pieces: schema-qualified names, reg* casts, regex operators, OPERATOR(), COLLATE, ANY(array), rows.
SELECT 'pg_class'::regclass, 't1'::regclass, 'public.t1'::pg_catalog.regclass, 'int8'::regtype, 'bigint'::regtype;
> regclass | regclass | regclass | regtype | regtype
> 1259 | 16385 | 16385 | 20 | 20
> (1 row)

SELECT 'nope'::regclass;
> ERROR 42P01

SELECT relname FROM pg_class WHERE relname ~ '^t1' ORDER BY 1;
> relname
> t1
> t1_name
> t1_pkey
> (3 rows)

SELECT 'abc' ~ 'B', 'abc' ~* 'B', 'abc' !~ 'b', 'abc' !~* 'B', 'a1' ~ '^[[:alpha:]][[:digit:]]$', 'x' OPERATOR(pg_catalog.~) 'x';
> ?column? | ?column? | ?column? | ?column? | ?column? | ?column?
> false | true | false | false | true | true
> (1 row)

SELECT 'a(' ~ '(';
> ERROR 2201B

SELECT 'b' COLLATE "C" < 'c', 2 = ANY (ARRAY[1, 2]), 3 = ANY (ARRAY[1, 2]), 1 <> ALL (ARRAY[2, 3]), (1, 'a') = (1, 'a'), (1, 2) <> (1, 2);
> ?column? | ?column? | ?column? | ?column? | ?column? | ?column?
> true | true | false | true | true | false
> (1 row)

SELECT s, t.x FROM generate_series(1, 3) s, pg_catalog.unnest(ARRAY['a', 'b']) AS t (x) ORDER BY 1, 2;
> s | x
> 1 | a
> 1 | b
> 2 | a
> 2 | b
> 3 | a
> 3 | b
> (6 rows)

SELECT pg_catalog.format_type(atttypid, atttypmod), attname, attnum, attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = 't1'::regclass ORDER BY attnum;
> format_type | attname | attnum | attnotnull
> bigint | id | 1 | true
> text | name | 2 | true
> double precision | score | 3 | false
> real[] | emb | 4 | false
> (4 rows)

SELECT i.indexrelid::regclass = 't1_pkey'::regclass, pg_get_indexdef(i.indexrelid), pg_get_indexdef(i.indexrelid, 1, true), i.indkey FROM pg_index i WHERE i.indrelid = 't1'::regclass ORDER BY 2;
> ?column? | pg_get_indexdef | pg_get_indexdef | indkey
> false | CREATE INDEX t1_name ON public.t1 USING btree (name) | name | [2]
> true | CREATE UNIQUE INDEX t1_pkey ON public.t1 USING btree (id) | id | [1]
> (2 rows)

SELECT conname, contype, pg_get_constraintdef(oid), conkey FROM pg_constraint ORDER BY 1;
> conname | contype | pg_get_constraintdef | conkey
> docs_pkey | p | PRIMARY KEY (id) | [1]
> t1_pkey | p | PRIMARY KEY (id) | [1]
> (2 rows)

SELECT table_schema, table_name, table_type FROM information_schema.tables ORDER BY table_name;
> table_schema | table_name | table_type
> public | docs | BASE TABLE
> public | t1 | BASE TABLE
> (2 rows)

SELECT table_name, column_name, ordinal_position, is_nullable, data_type, column_default FROM information_schema.columns ORDER BY table_name, ordinal_position;
> table_name | column_name | ordinal_position | is_nullable | data_type | column_default
> docs | id | 1 | NO | text | NULL
> docs | document | 2 | YES | jsonb | NULL
> t1 | id | 1 | NO | bigint | NULL
> t1 | name | 2 | NO | text | NULL
> t1 | score | 3 | YES | double precision | 1.5
> t1 | emb | 4 | YES | ARRAY | NULL
> (6 rows)

SELECT nspname FROM pg_namespace ORDER BY oid;
> nspname
> pg_catalog
> public
> information_schema
> (3 rows)

SELECT current_database(), current_schema(), current_schemas(true), current_schema, pg_encoding_to_char(6), quote_ident('Ab'), quote_ident('ab'), pg_size_pretty(123456789);
> current_database | current_schema | current_schemas | current_schema | pg_encoding_to_char | quote_ident | quote_ident | pg_size_pretty
> nodedb | public | ["pg_catalog","public"] | public | UTF8 | "Ab" | ab | 118 MB
> (1 row)

SELECT array_to_string(ARRAY['a', NULL, 'c'], ','), array_to_string(ARRAY['a', NULL, 'c'], ',', '*'), obj_description(16385, 'pg_class'), pg_table_is_visible(16385);
> array_to_string | array_to_string | obj_description | pg_table_is_visible
> a,c | a,*,c | NULL | true
> (1 row)

SELECT count(*) > 20 FROM pg_type WHERE typname IN ('int8', 'text', 'jsonb', '_float4') OR typcategory <> '';
> ?column?
> true
> (1 row)

-- A collection named like a catalog table wins over it unqualified; pg_catalog.x still reaches the catalog.
CREATE COLLECTION pg_am;
> CREATE COLLECTION

SELECT count(*) FROM pg_am;
> count
> 0
> (1 row)

SELECT amname FROM pg_catalog.pg_am ORDER BY 1;
> amname
> btree
> heap
> (2 rows)

SELECT * FROM pg_catalog.nope;
> ERROR 42P01

SELECT count(*) FROM public.t1;
> count
> 0
> (1 row)

-- System tables are read-only views of the catalog.
INSERT INTO pg_class VALUES (1);
> ERROR 42P01
