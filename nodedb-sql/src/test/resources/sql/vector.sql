-- Vector indexes: created on a field of a collection, filled from the rows already there, kept in line with every
-- write, and used by ORDER BY f <-> q LIMIT k, SEARCH ... USING VECTOR and id IN (SEARCH ...).
CREATE COLLECTION articles;
> CREATE COLLECTION

INSERT INTO articles [
  { id: 'a1', title: 'red', category: 'color', embedding: [1.0, 0.0, 0.0] },
  { id: 'a2', title: 'green', category: 'color', embedding: [0.0, 1.0, 0.0] },
  { id: 'a3', title: 'blue', category: 'color', embedding: [0.0, 0.0, 1.0] },
  { id: 'a4', title: 'orange', category: 'fruit', embedding: [0.9, 0.4, 0.0] },
  { id: 'a5', title: 'plum', category: 'fruit', embedding: [0.5, 0.0, 0.8] },
  { id: 'a6', title: 'untitled', category: 'draft' }
];
> INSERT 0 6

CREATE VECTOR INDEX idx_articles_embedding ON articles FIELD embedding METRIC l2 DIM 3 M 8 EF_CONSTRUCTION 64;
> CREATE VECTOR INDEX

SHOW VECTOR INDEXES;
> name | collection | field | dim | metric | index_type | m | ef_construction | vectors | memory_bytes | bytes_per_vector | state
> idx_articles_embedding | articles | embedding | 3 | l2 | hnsw | 8 | 64 | 5 | 197668 | 39534 | ready
> (1 row)

SHOW VECTOR INDEXES ON nothing_here;
> name | collection | field | dim | metric | index_type | m | ef_construction | vectors | memory_bytes | bytes_per_vector | state
> (0 rows)

-- The planner reads the nearest rows from the index; the sort above orders them by their exact distance.
EXPLAIN SELECT title FROM articles ORDER BY embedding <-> ARRAY[1.0, 0.1, 0.0] LIMIT 2;
> QUERY PLAN
> Project (1 columns)
> ->  Limit
>   ->  Sort ((embedding <-> [1.0, 0.1, 0.0]))
>     ->  Project (2 columns)
>       ->  Vector Search on articles using idx_articles_embedding (embedding, l2, hnsw)
> (5 rows)

SELECT title, round((embedding <-> ARRAY[1.0, 0.1, 0.0])::numeric, 4) AS d FROM articles ORDER BY embedding <-> ARRAY[1.0, 0.1, 0.0] LIMIT 3;
> title | d
> red | 0.1000
> orange | 0.3162
> plum | 0.9487
> (3 rows)

SELECT title FROM articles ORDER BY vector_distance(embedding, ARRAY[0.0, 0.0, 1.0]) LIMIT 2 OFFSET 1;
> title
> plum
> orange
> (2 rows)

SET vector.ef_search = 4;
> SET

SELECT title FROM articles ORDER BY embedding <-> ARRAY[1.0, 0.1, 0.0] LIMIT 1;
> title
> red
> (1 row)

SET vector.ef_search = 'wide';
> ERROR 22023: vector.ef_search must be an integer between 1 and 100000, got 'wide'

RESET vector.ef_search;
> RESET

-- With a WHERE clause the search only considers rows that pass it.
EXPLAIN SELECT title FROM articles WHERE category = 'fruit' ORDER BY embedding <-> ARRAY[1.0, 0.0, 0.0] LIMIT 1;
> QUERY PLAN
> Project (1 columns)
> ->  Limit
>   ->  Sort ((embedding <-> [1.0, 0.0, 0.0]))
>     ->  Project (2 columns)
>       ->  Filter (category = 'fruit')
>         ->  Vector Search on articles using idx_articles_embedding (embedding, l2, hnsw) among rows passing the filter
>           ->  Filter (category = 'fruit')
>             ->  Seq Scan on articles
> (8 rows)

SELECT title FROM articles WHERE category = 'fruit' ORDER BY embedding <-> ARRAY[1.0, 0.0, 0.0] LIMIT 1;
> title
> orange
> (1 row)

-- NodeDB's operator form: the distance in WHERE, vector_distance() without arguments is that distance.
SELECT title, round(vector_distance()::numeric, 3) AS score FROM articles WHERE category = 'color' AND embedding <-> [0.0, 0.9, 0.1] LIMIT 2;
> title | score
> green | 0.141
> blue | 1.273
> (2 rows)

SELECT id, title, round(distance::numeric, 4) AS distance FROM (SEARCH articles USING VECTOR(embedding, ARRAY[0.0, 0.0, 1.0], 2)) s;
> id | title | distance
> a3 | blue | 0.0000
> a5 | plum | 0.5385
> (2 rows)

SELECT id FROM (SEARCH articles USING VECTOR(ARRAY[0.0, 0.0, 1.0], 1) WHERE category <> 'color') s;
> id
> a5
> (1 row)

SELECT title FROM articles WHERE category = 'fruit' AND id IN (SEARCH articles USING VECTOR(embedding, ARRAY[0.6, 0.0, 0.7], 3)) ORDER BY title;
> title
> plum
> (1 row)

-- Writes after creation are followed: insert, update and delete.
INSERT INTO articles { id: 'a7', title: 'cyan', category: 'color', embedding: [0.0, 0.7, 0.7] };
> INSERT 0 1

SELECT title FROM articles ORDER BY embedding <-> ARRAY[0.0, 0.7, 0.7] LIMIT 1;
> title
> cyan
> (1 row)

UPDATE articles SET embedding = [1.0, 1.0, 1.0] WHERE id = 'a7';
> UPDATE 1

SELECT title FROM articles ORDER BY embedding <-> ARRAY[0.0, 0.7, 0.7] LIMIT 1;
> title
> green
> (1 row)

DELETE FROM articles WHERE id = 'a2';
> DELETE 1

SELECT title FROM articles ORDER BY embedding <-> ARRAY[0.0, 1.0, 0.0] LIMIT 1;
> title
> orange
> (1 row)

-- A vector the index cannot take is an error and nothing of the statement is applied.
INSERT INTO articles [ { id: 'b1', embedding: [1.0, 2.0, 3.0] }, { id: 'b2', embedding: [1.0, 2.0] } ];
> ERROR 22000: field "embedding" (vector index "idx_articles_embedding") expects 3 dimensions, got 2 (row key b2)

INSERT INTO articles { id: 'b3', embedding: 'not a vector' };
> ERROR 22000: field "embedding" (vector index "idx_articles_embedding") must be an array of numbers, got text (row key b3)

SELECT count(*) FROM articles WHERE id IN ('b1', 'b2', 'b3');
> count
> 0
> (1 row)

SELECT title FROM articles ORDER BY embedding <-> ARRAY[1.0, 2.0] LIMIT 1;
> ERROR 22000: vector index "idx_articles_embedding" expects 3 dimensions, got a query of 2 (at position 51)

-- Inside a transaction the index cannot see pending writes, so the search runs exactly over the rows.
BEGIN;
> BEGIN

INSERT INTO articles { id: 'a8', title: 'navy', category: 'color', embedding: [0.0, 0.05, 0.95] };
> INSERT 0 1

SELECT title FROM articles ORDER BY embedding <-> ARRAY[0.0, 0.0, 1.0] LIMIT 1;
> title
> blue
> (1 row)

ROLLBACK;
> ROLLBACK

SELECT title FROM articles ORDER BY embedding <-> ARRAY[0.0, 0.0, 1.0] LIMIT 1;
> title
> blue
> (1 row)

-- Without an index <-> is the Euclidean distance; vector_distance takes a metric too.
SELECT round((ARRAY[0.0, 3.0] <-> ARRAY[4.0, 0.0])::numeric, 3) AS l2, round(vector_distance(ARRAY[1.0, 0.0], ARRAY[0.0, 1.0], 'cosine')::numeric, 3) AS cos;
> l2 | cos
> 5.000 | 1.000
> (1 row)

SELECT vector_distance(ARRAY[1.0, 0.0], ARRAY[0.0, 1.0], 'nope');
> ERROR 22023: unknown metric 'nope'; expected l2, cosine, inner_product, manhattan, chebyshev, hamming, jaccard or pearson (at position 58)

-- Strict collections: the index takes its dimension from the VECTOR(n) column.
CREATE COLLECTION docs TYPE DOCUMENT STRICT (id BIGINT PRIMARY KEY, body TEXT, emb VECTOR(2));
> CREATE COLLECTION

INSERT INTO docs VALUES (1, 'east', ARRAY[1.0, 0.0]), (2, 'north', ARRAY[0.0, 1.0]), (3, 'north-east', ARRAY[0.7, 0.7]);
> INSERT 0 3

CREATE VECTOR INDEX ON docs FIELD emb METRIC cosine WITH (index_type = 'hnsw_sq8');
> CREATE VECTOR INDEX

SHOW VECTOR INDEXES ON docs;
> name | collection | field | dim | metric | index_type | m | ef_construction | vectors | memory_bytes | bytes_per_vector | state
> docs_emb_vector_idx | docs | emb | 2 | cosine | hnsw_sq8 | 16 | 200 | 3 | 262944 | 87648 | ready
> (1 row)

SELECT id, body, round(distance::numeric, 4) AS distance FROM (SEARCH docs USING VECTOR(emb, ARRAY[0.6, 0.8], 2)) s;
> id | body | distance
> 3 | north-east | 0.0101
> 2 | north | 0.2000
> (2 rows)

SELECT body FROM docs ORDER BY emb <-> ARRAY[0.6, 0.8] LIMIT 2;
> body
> north-east
> north
> (2 rows)

INSERT INTO docs VALUES (4, 'bad', ARRAY[1.0, 2.0, 3.0]);
> ERROR 22000: expected 2 dimensions, not 3

ALTER VECTOR INDEX ON docs SET (index_type = 'hnsw', m = 12);
> ALTER VECTOR INDEX

SHOW VECTOR INDEXES ON docs;
> name | collection | field | dim | metric | index_type | m | ef_construction | vectors | memory_bytes | bytes_per_vector | state
> docs_emb_vector_idx | docs | emb | 2 | cosine | hnsw | 12 | 200 | 3 | 262944 | 87648 | ready
> (1 row)

SELECT body FROM docs ORDER BY emb <-> ARRAY[0.6, 0.8] LIMIT 1;
> body
> north-east
> (1 row)

-- Product quantization through SQL: the index trains its codebooks once training_size vectors exist.
CREATE COLLECTION pq_items;
> CREATE COLLECTION

INSERT INTO pq_items [ { id: 1, v: [1.0, 0.0, 0.0, 0.0] }, { id: 2, v: [0.0, 1.0, 0.0, 0.0] }, { id: 3, v: [0.0, 0.0, 1.0, 0.0] }, { id: 4, v: [0.0, 0.0, 0.0, 1.0] }, { id: 5, v: [0.9, 0.1, 0.0, 0.0] } ];
> INSERT 0 5

CREATE VECTOR INDEX pq_idx ON pq_items FIELD v METRIC l2 DIM 4 WITH (index_type = 'ivf_pq', nlist = 2, nprobe = 2, pq_m = 2, training_size = 4);
> CREATE VECTOR INDEX

SELECT id FROM pq_items ORDER BY v <-> ARRAY[1.0, 0.05, 0.0, 0.0] LIMIT 2;
> id
> 1
> 5
> (2 rows)

ALTER VECTOR INDEX pq_idx SET (index_type = 'hnsw_pq', pq_m = 4);
> ALTER VECTOR INDEX

SELECT id FROM pq_items ORDER BY v <-> ARRAY[0.0, 0.0, 0.9, 0.1] LIMIT 1;
> id
> 3
> (1 row)

CREATE VECTOR INDEX ON pq_items FIELD w METRIC chebyshev DIM 4 WITH (index_type = 'hnsw_pq');
> ERROR 22023: hnsw_pq supports the metrics l2, cosine, inner_product and manhattan, not chebyshev (at position 83)

CREATE VECTOR INDEX ON pq_items FIELD w DIM 4 WITH (index_type = 'hnsw_pq', pq_m = 8);
> ERROR 22023: pq_m must be between 1 and DIM (4), got 8 (at position 1)

CREATE VECTOR INDEX ON pq_items FIELD w DIM 4 WITH (nlist = 'many');
> ERROR 22023: option nlist must be an integer, got 'many' (at position 61)

-- Bad definitions.
CREATE VECTOR INDEX ON missing FIELD e DIM 3;
> ERROR 42P01: collection "missing" does not exist (at position 1)

CREATE VECTOR INDEX ON articles FIELD other;
> ERROR 42601: a vector index needs its dimension: DIM n (at position 1)

CREATE VECTOR INDEX ON articles FIELD other DIM 3 METRIC nope;
> ERROR 22023: unknown metric 'nope'; expected l2, cosine, inner_product, manhattan, chebyshev, hamming, jaccard or pearson (at position 1)

CREATE VECTOR INDEX ON articles FIELD other DIM 0;
> ERROR 22023: DIM must be a positive integer, got 0 (at position 49)

CREATE VECTOR INDEX ON articles FIELD other DIM 3 WITH (index_type = 'fancy');
> ERROR 22023: unknown vector index type 'fancy'; expected hnsw, hnsw_sq8, hnsw_binary, hnsw_pq or ivf_pq (at position 70)

CREATE VECTOR INDEX ON articles FIELD other DIM 3 WITH (colour = 'red');
> ERROR 22023: unknown vector index option 'colour'; expected index_type, m, ef_construction, pq_m, nlist, nprobe or training_size (at position 66)

CREATE VECTOR INDEX idx_articles_embedding ON articles FIELD other DIM 3;
> ERROR 42710: vector index "idx_articles_embedding" already exists (at position 1)

CREATE VECTOR INDEX IF NOT EXISTS idx_articles_embedding ON articles FIELD other DIM 3;
> CREATE VECTOR INDEX

CREATE VECTOR INDEX ON articles FIELD embedding DIM 3;
> ERROR 42710: field "embedding" of "articles" already has vector index "idx_articles_embedding" (at position 1)

CREATE VECTOR INDEX ON articles FIELD title DIM 3;
> ERROR 22000: field "title" (vector index "articles_title_vector_idx") must be an array of numbers, got text in the row with key a1; fix or remove it before creating the index (at position 1)

CREATE VECTOR INDEX ON docs FIELD body DIM 3;
> ERROR 42804: column "body" is TEXT; a vector index needs a VECTOR(n) or array column (at position 1)

CREATE VECTOR INDEX ON docs FIELD emb DIM 5;
> ERROR 22000: DIM 5 does not match column "emb" of type VECTOR(2) (at position 1)

SEARCH articles USING VECTOR(embedding, ARRAY[1.0, 0.0], 2);
> ERROR 22000: vector index "idx_articles_embedding" expects 3 dimensions, got a query of 2 (at position 41)

SEARCH articles USING VECTOR(embedding, 'text', 2);
> ERROR 22000: a vector search needs an array of numbers, got text (at position 41)

SEARCH nothing USING VECTOR(embedding, ARRAY[1.0], 2);
> ERROR 42P01: collection "nothing" does not exist (at position 1)

DROP VECTOR INDEX nothing;
> ERROR 42704: vector index "nothing" does not exist (at position 1)

DROP VECTOR INDEX IF EXISTS nothing;
> DROP VECTOR INDEX

DROP VECTOR INDEX idx_articles_embedding;
> DROP VECTOR INDEX

EXPLAIN SELECT title FROM articles ORDER BY embedding <-> ARRAY[1.0, 0.1, 0.0] LIMIT 2;
> QUERY PLAN
> Project (1 columns)
> ->  Limit
>   ->  Sort ((embedding <-> [1.0, 0.1, 0.0]))
>     ->  Project (2 columns)
>       ->  Seq Scan on articles
> (5 rows)

DROP COLLECTION docs;
> DROP COLLECTION

SHOW VECTOR INDEXES;
> name | collection | field | dim | metric | index_type | m | ef_construction | vectors | memory_bytes | bytes_per_vector | state
> pq_idx | pq_items | v | 4 | l2 | hnsw_pq | 16 | 200 | 5 | 533576 | 106715 | ready
> (1 row)
