#!/usr/bin/env bash
# Regenerates the committed MariaDB test binlogs and their golden outputs:
#
#   testdata/binlogs/<file>                      binlogs written by a throwaway mariadbd
#   testdata/expected/<file>.events.tsv          SHOW BINLOG EVENTS IN '<file>' (mariadb -B)
#   testdata/expected/<file>.<variant>.txt       mariadb-binlog output (TZ=UTC)
#   testdata/expected/mariadb-binlog.status.tsv  exit status of every mariadb-binlog run
#   testdata/README.md                           what each file covers, server version
#
# Usage: testdata/make-binlogs.sh [--out DIR]   (needs mariadb-server and mariadb-client)
#   --out DIR   write binlogs/, expected/ and README.md into DIR instead of testdata/ (the test
#               suite uses this to compare binlogkit with a server it runs itself)
#
# Every workload runs on its own fresh server (datadir copied from one bootstrapped template,
# unix socket only, server_id=1), so every binlog starts at position 4 with a Format_description.
# The outputs are built in a temp dir and replace testdata/binlogs and testdata/expected only
# when everything succeeded. Set BK_KEEP_WORK=1 to keep the temp dir (error logs, datadirs).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=testdata/lib-server.sh
source "$HERE/lib-server.sh"

bk_init_tools
bk_init_workdir
bk_install_traps

OUT=$BK_WORK/out
mkdir -p "$OUT/binlogs" "$OUT/expected"

MAX_FILE_BYTES=$((64 * 1024))
MAX_TOTAL_BYTES=$((1024 * 1024))
T0=1700000000          # 2023-11-14 22:13:20 UTC: SET TIMESTAMP base of every session

FILES=()               # committed binlogs, in generation order
declare -A DESC=()     # file -> what it covers (README)
declare -A ROWS_ONLY=() # file -> 1 when its DML is all ROW format (gets a --flashback golden)

# ---------------------------------------------------------------------------------------------
# helpers

# run_sql NAME: run stdin as one client session, after a prelude that pins the time, the
# thread id written into Query events, and the RAND() seeds.
run_sql() {
  local name=$1 log
  log=$(bk_dir "$name")/client.log
  {
    printf 'SET TIMESTAMP=%d, pseudo_thread_id=%d, rand_seed1=%d, rand_seed2=%d;\n' \
      "$T0" 1001 100200300 400500600
    cat
  } | bk_sql "$name" --default-character-set=utf8mb4 --show-warnings >"$log.last" 2>&1 || {
    cat "$log.last" >&2
    bk_die "workload '$name' failed (client output above)"
  }
  # warnings and notes (e.g. unsafe statements) are worth seeing
  if [[ -s $log.last ]]; then
    sed "s/^/  [$name] /" "$log.last" >&2
    sed "s/^/$name: /" "$log.last" >>"$BK_WORK/client-notes.txt"
  fi
  cat "$log.last" >>"$log"
}

# The server's own listing, raw bytes (character_set_results=binary: no charset conversion,
# so 4-byte UTF-8 in statement text is not turned into '?').
show_events() {
  bk_sql "$1" -B --default-character-set=binary -e "SHOW BINLOG EVENTS IN '$2'"
}

# wait_checkpoint NAME FILE: after a rotation the server writes a second Binlog_checkpoint into
# the new file asynchronously; wait for it so that later events always follow it. Polls the
# file with mariadb-binlog rather than SHOW BINLOG EVENTS: queries would advance the server's
# query_id and so make the Xid numbers of later transactions vary from run to run.
wait_checkpoint() {
  local name=$1 file=$2 i
  for ((i = 0; i < 300; i++)); do
    if "$MARIADB_BINLOG" --no-defaults "$(bk_dir "$name")/data/$file" 2>/dev/null |
        grep -q "Binlog checkpoint $file\$"; then
      return 0
    fi
    sleep 0.1
  done
  bk_die "no Binlog_checkpoint for $file in $file after 30s"
}

# in_use_flag FILE: LOG_EVENT_BINLOG_IN_USE_F (0x1) of the Format_description flags at offset 21
in_use_flag() {
  echo $(($(od -An -tu1 -j21 -N1 "$1") & 1))
}

# last_end_pos TSV: End_log_pos of the last event listed
last_end_pos() {
  awk -F'\t' 'NR > 1 { e = $5 } END { print e }' "$1"
}

register() {
  local file=$1 rows=$2
  shift 2
  FILES+=("$file")
  DESC[$file]=$*
  [[ $rows == rows ]] && ROWS_ONLY[$file]=1
  return 0
}

# collect NAME FILE: SHOW BINLOG EVENTS from the running server, then copy the file.
collect() {
  local name=$1 file=$2
  show_events "$name" "$file" >"$OUT/expected/$file.events.tsv"
  cp "$(bk_dir "$name")/data/$file" "$OUT/binlogs/$file"
  chmod 0644 "$OUT/binlogs/$file"
}

# finish_flush NAME: close NAME.000001 with FLUSH BINARY LOGS (it ends with a Rotate event),
# record and copy it, stop the server.
finish_flush() {
  local name=$1 file=$1.000001
  bk_sql "$name" -e "FLUSH BINARY LOGS"
  collect "$name" "$file"
  check_complete "$file"
  bk_server_stop "$name"
}

# check_complete FILE: closed file: in-use flag clear, size = last End_log_pos.
check_complete() {
  local file=$1 size end
  size=$(stat -c %s "$OUT/binlogs/$file")
  end=$(last_end_pos "$OUT/expected/$file.events.tsv")
  [[ $size == "$end" ]] || bk_die "$file: size $size but SHOW BINLOG EVENTS ends at $end"
  [[ $(in_use_flag "$OUT/binlogs/$file") == 0 ]] || bk_die "$file: in-use flag still set"
}

# finish_stop NAME FILE...: stop the server cleanly (the active file gets a Stop event and its
# in-use flag cleared), copy the files, restart on the same datadir to list them with
# SHOW BINLOG EVENTS (the restart opens NAME.<next>, which is not collected), check that the
# restart did not change them, stop again.
finish_stop() {
  local name=$1 file data
  shift
  data=$(bk_dir "$name")/data
  bk_server_stop "$name"
  for file in "$@"; do
    cp "$data/$file" "$OUT/binlogs/$file"
    chmod 0644 "$OUT/binlogs/$file"
  done
  cp "$data/$name.index" "$BK_WORK/$name.index.at-stop"
  bk_server_restart "$name"
  for file in "$@"; do
    show_events "$name" "$file" >"$OUT/expected/$file.events.tsv"
    cmp -s "$data/$file" "$OUT/binlogs/$file" || bk_die "$file changed when the server restarted"
    check_complete "$file"
  done
  bk_server_stop "$name"
}

# require_events FILE TYPE...: fail unless each Event_type occurs in FILE's listing.
require_events() {
  local file=$1 t
  shift
  for t in "$@"; do
    awk -F'\t' -v t="$t" 'NR > 1 && $3 == t { ok = 1 } END { exit !ok }' \
      "$OUT/expected/$file.events.tsv" || bk_die "$file: expected a '$t' event"
  done
}

# ---------------------------------------------------------------------------------------------
# workloads

wl_statement() {
  local name=statement dir
  dir=$(bk_dir $name)
  mkdir -p "$dir/load"
  # LOAD DATA source; the statement names it relative to the datadir ('../load/data.tsv'), so
  # the logged statement text does not contain the random temp dir name.
  printf '1\talpha\t10.50\n2\tbeta, with comma\t-0.25\n3\tgamma \\\\ backslash\t99999999.99\n4\t\\N\t0.00\n' \
    >"$dir/load/data.tsv"
  bk_server_start $name "log-bin = $name" "binlog_format = STATEMENT" "secure_file_priv = $dir/load"
  run_sql $name <<'SQL'
CREATE DATABASE bk_stmt CHARACTER SET utf8mb4;
CREATE DATABASE bk_other CHARACTER SET latin1;
USE bk_stmt;
CREATE TABLE t_auto (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200), r DOUBLE) ENGINE=InnoDB;
-- Intvar INSERT_ID
INSERT INTO t_auto (v) VALUES ('first'), ('second');
-- Intvar LAST_INSERT_ID + INSERT_ID
INSERT INTO t_auto (v) VALUES (CONCAT('after id ', LAST_INSERT_ID()));
-- Rand
INSERT INTO t_auto (v, r) VALUES ('random', RAND());
UPDATE t_auto SET r = RAND() * 1000 WHERE id <= 2;

SET TIMESTAMP = 1700000060;
-- User_var events of every type
CREATE TABLE t_uservar (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  s_utf8 VARCHAR(50) CHARACTER SET utf8mb4, s_latin1 VARCHAR(50) CHARACTER SET latin1,
  s_binary VARBINARY(10), i BIGINT, neg BIGINT, neg_small INT, u BIGINT UNSIGNED,
  r DOUBLE, d DECIMAL(30,10), n INT
) ENGINE=InnoDB;
SET @v_utf8 = _utf8mb4'Grüße, 世界 😀' COLLATE utf8mb4_unicode_ci,
    @v_latin1 = CONVERT(_utf8mb4'café crème' USING latin1),
    @v_binary = _binary x'00FF0A5C27',
    @v_int = 42,
    @v_neg = -9223372036854775807 - 1,
    @v_neg_small = -7,
    @v_unsigned = 18446744073709551615,
    @v_real = 2.5e-3,
    @v_decimal = -12345.6789012345,
    @v_null = NULL;
INSERT INTO t_uservar (s_utf8, s_latin1, s_binary, i, neg, neg_small, u, r, d, n)
  VALUES (@v_utf8, @v_latin1, @v_binary, @v_int, @v_neg, @v_neg_small, @v_unsigned, @v_real, @v_decimal, @v_null);
UPDATE t_auto SET v = @v_utf8 WHERE id = @v_int - 41;

SET TIMESTAMP = 1700000120;
-- multi-statement InnoDB transaction: BEGIN ... Xid
BEGIN;
INSERT INTO t_auto (v) VALUES ('in transaction');
UPDATE t_auto SET v = CONCAT(v, ' (updated in transaction)') WHERE id = 2;
DELETE FROM t_auto WHERE id = 3;
COMMIT;

-- MyISAM: BEGIN ... COMMIT Query events, no Xid
CREATE TABLE t_myisam (id INT NOT NULL PRIMARY KEY, v VARCHAR(60)) ENGINE=MyISAM;
INSERT INTO t_myisam VALUES (1, 'non-transactional'), (2, 'no Xid: ends with a COMMIT query');
UPDATE t_myisam SET v = 'updated' WHERE id = 1;

-- TEMPORARY table (statement format logs it, with the pseudo thread id)
CREATE TEMPORARY TABLE tmp_stage (id INT NOT NULL, v VARCHAR(40));
INSERT INTO tmp_stage VALUES (10, 'staged 1'), (11, 'staged 2');
INSERT INTO t_myisam SELECT id, v FROM tmp_stage;
DROP TEMPORARY TABLE tmp_stage;

SET TIMESTAMP = 1700000180;
-- session variables change between statements (Query status variables)
SET SESSION sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES';
INSERT INTO t_auto (v) VALUES ('ansi ' || 'concat, backslash \ is literal');
SET SESSION sql_mode = DEFAULT;
SET SESSION time_zone = '+05:30';
CREATE TABLE t_time (id INT NOT NULL PRIMARY KEY, ts TIMESTAMP NULL, dt DATETIME NULL, label VARCHAR(40)) ENGINE=InnoDB;
INSERT INTO t_time VALUES (1, NOW(), NOW(), 'time_zone +05:30');
SET SESSION time_zone = '-08:00';
INSERT INTO t_time VALUES (2, NOW(), NOW(), 'time_zone -08:00');
SET SESSION time_zone = DEFAULT;
SET SESSION lc_time_names = 'de_DE';
INSERT INTO t_time VALUES (3, NOW(), NOW(), DATE_FORMAT('2024-03-01', '%W %M'));
SET SESSION lc_time_names = DEFAULT;
SET NAMES latin1;
INSERT INTO t_auto (v) VALUES ('client charset latin1');
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
INSERT INTO t_auto (v) VALUES ('client collation utf8mb4_unicode_ci');
SET NAMES utf8mb4;
SET SESSION auto_increment_increment = 5, auto_increment_offset = 3;
INSERT INTO t_auto (v) VALUES ('auto_increment_increment 5 offset 3: a'), ('auto_increment_increment 5 offset 3: b');
SET SESSION auto_increment_increment = DEFAULT, auto_increment_offset = DEFAULT;

SET TIMESTAMP = 1700000240;
-- LOAD DATA INFILE: Begin_load_query + Execute_load_query
CREATE TABLE t_load (id INT NOT NULL PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2)) ENGINE=InnoDB;
LOAD DATA INFILE '../load/data.tsv' INTO TABLE t_load
  FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n' (id, name, amount);

-- default database differs from the table's database
USE bk_other;
CREATE TABLE t_other (id INT NOT NULL PRIMARY KEY, note VARCHAR(60)) ENGINE=InnoDB;
INSERT INTO bk_stmt.t_auto (v) VALUES ('written while the default database is bk_other');
INSERT INTO t_other VALUES (1, 'latin1 database');
USE bk_stmt;

SET TIMESTAMP = 1700000300;
-- string literal with quotes, a real newline, a real tab, backslashes and non-ASCII UTF-8
INSERT INTO t_auto (v) VALUES ('quotes: it''s "double" `back`; backslashes: \\ \\n \'; tab:	<-; newline:
second line; UTF-8: üñíçødé Ελληνικά 日本語 😀');

-- DROP
DROP TABLE t_myisam;
DROP TABLE IF EXISTS t_does_not_exist;
DROP DATABASE bk_other;
SQL
  finish_flush $name
  require_events $name.000001 Intvar RAND "User var" Begin_load_query Execute_load_query Xid Query Rotate
  register $name.000001 stmt "binlog_format=STATEMENT: CREATE DATABASE/TABLE; AUTO_INCREMENT" \
    "(Intvar INSERT_ID, LAST_INSERT_ID); RAND() (Rand); User_var of every type (utf8mb4 string" \
    "with collation, latin1 string, binary string, int, negative int, unsigned, real, decimal," \
    "NULL); BEGIN...COMMIT InnoDB transaction (Xid); MyISAM (BEGIN/COMMIT Query, no Xid);" \
    "TEMPORARY table; sql_mode/time_zone/lc_time_names/charset/collation/auto_increment changes" \
    "between statements; LOAD DATA INFILE (Begin_load_query + Execute_load_query, file named" \
    "'../load/data.tsv' relative to the datadir); statements with a default database other than" \
    "the table's (latin1 database); a literal with quotes, real newline and tab, backslashes" \
    "and 2/3/4-byte UTF-8; DROP TABLE, DROP TABLE IF EXISTS, DROP DATABASE. Ends with Rotate."
}

# One table with every column type; NULLs, extremes, zero dates (sql_mode allows them).
all_types_sql() {
  cat <<'SQL'
SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';
SET SESSION time_zone = '+00:00';
CREATE DATABASE bk_row;
USE bk_row;
CREATE TABLE all_types (
  id INT NOT NULL PRIMARY KEY,
  c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED,
  c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
  c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED,
  c_int INT, c_int_u INT UNSIGNED,
  c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
  c_bool BOOLEAN,
  c_decimal DECIMAL(10,2), c_decimal_max DECIMAL(65,30), c_decimal_int DECIMAL(18,0),
  c_float FLOAT, c_double DOUBLE,
  c_bit1 BIT(1), c_bit64 BIT(64), c_bit13 BIT(13),
  c_date DATE, c_time TIME, c_time6 TIME(6),
  c_datetime DATETIME, c_datetime3 DATETIME(3), c_datetime6 DATETIME(6),
  c_timestamp TIMESTAMP NULL, c_timestamp6 TIMESTAMP(6) NULL,
  c_year YEAR,
  c_char CHAR(10), c_varchar VARCHAR(300), c_varchar_short VARCHAR(20),
  c_binary BINARY(8), c_varbinary VARBINARY(32),
  c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT,
  c_tinyblob TINYBLOB, c_blob BLOB, c_mediumblob MEDIUMBLOB, c_longblob LONGBLOB,
  c_enum ENUM('small','medium','large'), c_set SET('red','green','blue','alpha'),
  c_json JSON,
  c_geometry GEOMETRY, c_point POINT, c_linestring LINESTRING,
  c_utf8mb4 VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  c_latin1 VARCHAR(40) CHARACTER SET latin1,
  c_char_latin1 CHAR(5) CHARACTER SET latin1,
  c_inet6 INET6, c_inet4 INET4, c_uuid UUID
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- multi-row INSERT: minimum values, maximum values, all NULL
INSERT INTO all_types VALUES
 (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, FALSE,
  -99999999.99, -99999999999999999999999999999999999.999999999999999999999999999999, -999999999999999999,
  -3.40282e38, -1.7976931348623157e308,
  b'0', b'0', b'0',
  '1000-01-01', '-838:59:59', '-838:59:59.999999',
  '1000-01-01 00:00:00', '1000-01-01 00:00:00.000', '1000-01-01 00:00:00.000000',
  '1970-01-01 00:00:01', '1970-01-01 00:00:01.000000', 1901,
  '', '', '', x'', x'', '', '', '', '', x'', x'', x'', x'',
  'small', '', '[]',
  ST_GeomFromText('POINT(0 0)'), POINT(-180, -90), ST_GeomFromText('LINESTRING(0 0, 1 1)'),
  '', '', '', '::', '0.0.0.0', '00000000-0000-0000-0000-000000000000'),
 (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615, TRUE,
  99999999.99, 99999999999999999999999999999999999.999999999999999999999999999999, 999999999999999999,
  3.40282e38, 1.7976931348623157e308,
  b'1', b'1111111111111111111111111111111111111111111111111111111111111111', b'1111111111111',
  '9999-12-31', '838:59:59', '838:59:59.999999',
  '9999-12-31 23:59:59', '9999-12-31 23:59:59.999', '9999-12-31 23:59:59.999999',
  '2038-01-19 03:14:07', '2038-01-19 03:14:07.999999', 2155,
  'ZZZZZZZZZZ', REPEAT('€', 300), REPEAT('z', 20),
  x'FFFFFFFFFFFFFFFF', UNHEX(REPEAT('FF', 32)),
  REPEAT('t', 255), REPEAT('text ', 100), REPEAT('medium ', 80), REPEAT('long ', 60),
  UNHEX(REPEAT('FE', 255)), UNHEX(REPEAT('00FF', 150)), UNHEX(REPEAT('0102', 100)), UNHEX(REPEAT('00FF7F80', 128)),
  'large', 'red,green,blue,alpha', '{"k": [1, 2.5, "x", null, true, false], "nested": {"ü": "😀", "n": -1e10}}',
  ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))'),
  POINT(180, 90), ST_GeomFromText('LINESTRING(-1.5 2.25, 3 4, 1e10 -1e-10)'),
  'emoji 😀 CJK 日本語', 'Ñandú ÿ ß', 'ÿÿÿÿÿ',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '255.255.255.255', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

SET TIMESTAMP = 1700000060;
-- zero dates and typical values, negative decimals and fractions
INSERT INTO all_types VALUES
 (4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, FALSE,
  -0.01, -0.000000000000000000000000000001, 0,
  0, -0,
  b'0', x'0000000000000000', b'0',
  '0000-00-00', '00:00:00', '-00:00:00.000001',
  '0000-00-00 00:00:00', '0000-00-00 00:00:00.000', '2024-00-00 00:00:00.000000',
  '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000', 0,
  'a', 'b', 'c', x'01', x'02', 't', 'text', 'mt', 'lt', x'03', x'04', x'05', x'06',
  'medium', 'green', '{}',
  ST_GeomFromText('MULTIPOINT(1 1, 2 2)'), POINT(0, 0), ST_GeomFromText('LINESTRING(0 0, 0 1)'),
  'x', 'y', 'z', '2001:db8::1', '192.0.2.1', '123e4567-e89b-12d3-a456-426614174000'),
 (5, -1, 1, -12345, 54321, -1234567, 7654321, -123456789, 3123456789, -1234567890123456789, 12345678901234567890, TRUE,
  -123.45, -12345678901234567890.123456789012345678901234567890, -42,
  -1.5, 3.141592653589793,
  b'1', b'1010101010101010101010101010101010101010101010101010101010101010', b'1000000000001',
  '2024-02-29', '-12:34:56', '12:34:56.789012',
  '2024-02-29 12:34:56', '2024-02-29 12:34:56.789', '2024-02-29 12:34:56.789012',
  '2024-02-29 12:34:56', '2024-02-29 12:34:56.789012', 2024,
  'char', 'varchar value', 'short', x'0102030405060708', x'DEADBEEF00',
  'tiny text', 'text with a tab	and a newline
inside', 'medium text', 'long text', x'00', x'DEADBEEF', x'CAFEBABE', x'00000000',
  'small', 'red,blue', '{"id": 5, "tags": ["a", "b"], "price": -123.45}',
  ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))'), POINT(13.4050, 52.5200),
  ST_GeomFromText('LINESTRING(0 0, 10 10, 20 25)'),
  'Grüße 😀', 'café', 'éèêë', '::ffff:192.0.2.128', '10.0.0.1', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');

SET TIMESTAMP = 1700000120;
-- multi-row UPDATE, NULL -> values, values -> NULL
UPDATE all_types SET c_int = c_int + 1, c_varchar = CONCAT(c_varchar, '!'), c_decimal = -c_decimal WHERE id IN (4, 5);
UPDATE all_types SET c_tinyint = 1, c_date = '2000-01-01', c_json = '{"was": null}', c_varchar = 'was NULL', c_blob = x'00' WHERE id = 3;
UPDATE all_types SET c_bigint = NULL, c_json = NULL, c_point = NULL WHERE id = 2;
-- multi-row DELETE
DELETE FROM all_types WHERE id IN (1, 4);

SET TIMESTAMP = 1700000180;
-- one transaction, two tables (two Table_map events); a table without primary key
CREATE TABLE nopk (a INT, b VARCHAR(40), c DATETIME(2)) ENGINE=InnoDB;
BEGIN;
INSERT INTO nopk VALUES (1, 'no primary key', '2024-01-01 00:00:00.12'), (1, 'duplicate row', NULL);
UPDATE all_types SET c_text = 'touched in a two-table transaction' WHERE id = 5;
UPDATE nopk SET b = 'updated without key' WHERE b = 'duplicate row';
COMMIT;
-- a statement large enough to be split into several Write_rows events
INSERT INTO nopk (a, b, c)
  WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 300)
  SELECT n, CONCAT('bulk row ', LPAD(n, 5, '0'), ' ', REPEAT('.', 20)), '2024-06-30 23:59:59.99' FROM seq;
DELETE FROM nopk WHERE a > 250;
DROP TABLE nopk;
SQL
}

wl_row() {
  local name=row
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_annotate_row_events = ON" \
    "binlog_row_image = FULL" "binlog_row_metadata = FULL"
  all_types_sql | run_sql $name
  finish_flush $name
  require_events $name.000001 Annotate_rows Table_map Write_rows_v1 Update_rows_v1 Delete_rows_v1 Xid
  register $name.000001 rows "binlog_format=ROW, binlog_annotate_row_events=ON, binlog_row_image=FULL," \
    "binlog_row_metadata=FULL: table all_types with every column type (TINYINT..BIGINT signed and" \
    "unsigned, BOOLEAN, DECIMAL(10,2)/(65,30)/(18,0), FLOAT, DOUBLE, BIT(1)/(13)/(64), DATE, TIME," \
    "TIME(6), DATETIME/(3)/(6), TIMESTAMP/(6), YEAR, CHAR, VARCHAR(300) utf8mb4 (2-byte length)," \
    "VARCHAR(20), BINARY, VARBINARY, TINY/MEDIUM/LONG TEXT and BLOB, ENUM, SET, JSON, GEOMETRY," \
    "POINT, LINESTRING, utf8mb4 and latin1 columns, INET6, INET4, UUID); rows of minimum values," \
    "maximum values, all NULL, zero dates, negative decimals; multi-row INSERT/UPDATE/DELETE;" \
    "NULL->value and value->NULL updates; a two-table transaction; a table without primary key;" \
    "a 300-row INSERT...SELECT split into several Write_rows events. Ends with Rotate."
}

# row_image_sql DB: updates touching a subset of columns, for MINIMAL and NOBLOB images.
row_image_sql() {
  cat <<SQL
CREATE DATABASE $1;
USE $1;
CREATE TABLE t_img (
  id INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(40), c DECIMAL(8,2), d DATETIME,
  e TEXT, f BLOB, g INT NOT NULL DEFAULT 7
) ENGINE=InnoDB;
CREATE TABLE t_img_nopk (a INT, b VARCHAR(40), c INT, t TEXT) ENGINE=InnoDB;
INSERT INTO t_img (id, a, b) VALUES (1, 10, 'one'), (2, 20, 'two'), (3, 30, 'three');
INSERT INTO t_img VALUES (4, 40, 'four', 4.40, '2024-04-04 04:04:04', 'text four', x'0404', 4);
UPDATE t_img SET a = a + 1 WHERE id IN (1, 2);
UPDATE t_img SET b = 'changed', c = 1.23 WHERE id = 4;
UPDATE t_img SET e = 'text written later', f = x'0303' WHERE id = 3;
UPDATE t_img SET id = 40 WHERE id = 4;
DELETE FROM t_img WHERE id = 2;
INSERT INTO t_img_nopk VALUES (1, 'x', 1, 'blob-ish text 1'), (2, 'y', 2, 'blob-ish text 2');
UPDATE t_img_nopk SET c = 20 WHERE a = 2;
UPDATE t_img_nopk SET t = 'new text' WHERE a = 1;
DELETE FROM t_img_nopk WHERE a = 1;
SQL
}

wl_row_minimal() {
  local name=row-minimal
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_row_image = MINIMAL" \
    "binlog_row_metadata = MINIMAL"
  row_image_sql bk_minimal | run_sql $name
  finish_flush $name
  require_events $name.000001 Annotate_rows Write_rows_v1 Update_rows_v1 Delete_rows_v1
  register $name.000001 rows "binlog_format=ROW, binlog_row_image=MINIMAL, binlog_row_metadata=MINIMAL:" \
    "INSERTs naming only some columns, UPDATEs touching a subset of columns (before image = primary" \
    "key only, after image = changed columns), a primary key update, DELETE (key only); a table" \
    "without primary key (full before image). Ends with Rotate."
}

wl_row_noblob() {
  local name=row-noblob
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_row_image = NOBLOB"
  row_image_sql bk_noblob | run_sql $name
  finish_flush $name
  require_events $name.000001 Write_rows_v1 Update_rows_v1 Delete_rows_v1
  register $name.000001 rows "binlog_format=ROW, binlog_row_image=NOBLOB, binlog_row_metadata=NO_LOG" \
    "(default): same workload as row-minimal; TEXT/BLOB columns are left out of the images unless" \
    "the statement changes them. Ends with Rotate."
}

wl_mixed() {
  local name=mixed
  bk_server_start $name "log-bin = $name" "binlog_format = MIXED"
  run_sql $name <<'SQL'
CREATE DATABASE bk_mixed;
USE bk_mixed;
CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, u VARCHAR(36), n BIGINT UNSIGNED, note VARCHAR(80)) ENGINE=InnoDB;
INSERT INTO t (note) VALUES ('safe: logged as a statement');
INSERT INTO t (u, note) VALUES (UUID(), 'UUID(): logged as rows');
INSERT INTO t (n, note) VALUES (UUID_SHORT(), 'UUID_SHORT(): logged as rows');
INSERT INTO t (note) VALUES (CONCAT('USER(): ', USER()));
INSERT INTO t (note) VALUES (CONCAT('RAND() is safe: ', RAND() < 2));
UPDATE t SET note = CONCAT(note, ' + statement update') WHERE id = 1;
SET TIMESTAMP = 1700000060;
BEGIN;
INSERT INTO t (note) VALUES ('statement inside a transaction');
INSERT INTO t (u, note) VALUES (UUID(), 'rows inside the same transaction');
UPDATE t SET note = 'statement again' WHERE id = 2;
COMMIT;
DELETE FROM t WHERE id > 3 LIMIT 1;
UPDATE t SET note = 'statement update of several rows' WHERE id <= 3;
CREATE TABLE t_copy ENGINE=InnoDB SELECT id, note FROM t WHERE id <= 3;
DROP TABLE t_copy;
SQL
  finish_flush $name
  require_events $name.000001 Query Annotate_rows Table_map Write_rows_v1 Xid
  register $name.000001 mixed "binlog_format=MIXED: safe statements logged as Query, statements with" \
    "UUID(), UUID_SHORT(), USER(), DELETE...LIMIT switched to row events, a transaction mixing" \
    "statement and row events, CREATE TABLE...SELECT. Ends with Rotate."
}

wl_annotate_off() {
  local name=annotate-off
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_annotate_row_events = OFF"
  run_sql $name <<'SQL'
CREATE DATABASE bk_noann;
USE bk_noann;
CREATE TABLE orders (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(40) NOT NULL,
  amount DECIMAL(10,2) NOT NULL, created DATETIME NOT NULL, status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new'
) ENGINE=InnoDB;
INSERT INTO orders (customer, amount, created) VALUES
  ('alice', 10.00, '2024-01-01 10:00:00'), ('bob', 20.50, '2024-01-02 11:00:00'),
  ('carol', -5.25, '2024-01-03 12:00:00'), ('dave', 1234567.89, '2024-01-04 13:00:00');
UPDATE orders SET status = 'paid' WHERE id IN (1, 3);
BEGIN;
INSERT INTO orders (customer, amount, created) VALUES ('erin', 7.00, '2024-01-05 14:00:00');
UPDATE orders SET status = 'shipped', amount = amount + 1 WHERE customer = 'alice';
DELETE FROM orders WHERE customer = 'bob';
COMMIT;
DELETE FROM orders WHERE status = 'new';
SQL
  finish_flush $name
  require_events $name.000001 Table_map Write_rows_v1 Update_rows_v1 Delete_rows_v1
  if grep -q $'\tAnnotate_rows\t' "$OUT/expected/$name.000001.events.tsv"; then
    bk_die "$name.000001 has Annotate_rows events"
  fi
  register $name.000001 rows "binlog_format=ROW, binlog_annotate_row_events=OFF: no Annotate_rows;" \
    "multi-row INSERT, UPDATE, DELETE, a multi-statement transaction. Ends with Rotate."
}

wl_compressed() {
  local name=compressed big_literal
  # ~12 KB statement text, very compressible
  big_literal=$(printf 'Statement text repeated to make a large Query event (%04d). ' $(seq 1 200))
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_annotate_row_events = ON" \
    "log_bin_compress = ON" "log_bin_compress_min_len = 10"
  {
    cat <<'SQL'
CREATE DATABASE bk_compr;
USE bk_compr;
CREATE TABLE docs (id INT NOT NULL PRIMARY KEY, title VARCHAR(100), body MEDIUMTEXT, data LONGBLOB) ENGINE=InnoDB;
INSERT INTO docs VALUES (1, 'short row', 'x', NULL);
INSERT INTO docs VALUES (2, 'large row', REPEAT('The quick brown fox jumps over the lazy dog. ', 400), REPEAT(x'00010203', 1000)),
                        (3, 'second large row', REPEAT('Lorem ipsum dolor sit amet. ', 300), NULL);
UPDATE docs SET body = CONCAT(body, ' (revised)') WHERE id = 2;
DELETE FROM docs WHERE id = 3;
CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, v VARCHAR(20)) ENGINE=MyISAM;
SET SESSION binlog_format = 'STATEMENT';
SQL
    printf "INSERT INTO docs (id, title, body) VALUES (4, 'statement format', '%s');\n" "$big_literal"
    printf "UPDATE docs SET title = 'updated by statement', body = CONCAT(body, '%s') WHERE id = 4;\n" "${big_literal:0:2000}"
    cat <<'SQL'
INSERT INTO notes VALUES (1, 'myisam');
SET SESSION binlog_format = 'ROW';
DELETE FROM docs WHERE id IN (1, 4);
DROP TABLE notes;
SQL
  } | run_sql $name
  finish_flush $name
  require_events $name.000001 Query_compressed Write_rows_compressed_v1 Update_rows_compressed_v1 \
    Delete_rows_compressed_v1 Query
  register $name.000001 mixed "log_bin_compress=ON, log_bin_compress_min_len=10, binlog_format=ROW" \
    "with two statements in STATEMENT format: Query_compressed (DDL and ~12 KB statements)," \
    "Write/Update/Delete_rows_compressed_v1 with large TEXT/BLOB values, short events left" \
    "uncompressed (BEGIN, COMMIT), Annotate_rows, MyISAM. Ends with Rotate."
}

wl_nochecksum() {
  local name=nochecksum
  bk_server_start $name "log-bin = $name" "binlog_format = MIXED" "binlog_checksum = NONE"
  run_sql $name <<'SQL'
CREATE DATABASE bk_nocrc;
USE bk_nocrc;
CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40), d DATE) ENGINE=InnoDB;
INSERT INTO t (v, d) VALUES ('statement', '2024-01-01'), ('statement 2', NULL);
SET SESSION binlog_format = 'ROW';
INSERT INTO t (v, d) VALUES ('row', '2024-12-31');
UPDATE t SET v = 'row update' WHERE id = 3;
DELETE FROM t WHERE id = 1;
SET SESSION binlog_format = 'STATEMENT';
UPDATE t SET d = '2000-01-01' WHERE d IS NULL;
DROP TABLE t;
SQL
  finish_flush $name
  require_events $name.000001 Query Intvar Write_rows_v1 Update_rows_v1 Delete_rows_v1 Xid Rotate
  register $name.000001 mixed "binlog_checksum=NONE: no CRC32 trailer on any event (the" \
    "Format_description says checksum alg 0); statement and row DML, Intvar. Ends with Rotate."
}

wl_gtid_domains() {
  local name=gtid-domains
  bk_server_start $name "log-bin = $name" "binlog_format = MIXED"
  run_sql $name <<'SQL'
CREATE DATABASE bk_gtid;
USE bk_gtid;
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, domain INT, note VARCHAR(60)) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 0, 'domain 0');
SET SESSION gtid_domain_id = 1;
INSERT INTO t VALUES (2, 1, 'domain 1');
INSERT INTO t VALUES (3, 1, 'domain 1 again');
SET SESSION gtid_domain_id = 2;
BEGIN;
INSERT INTO t VALUES (4, 2, 'domain 2');
UPDATE t SET note = 'updated in domain 2' WHERE id = 1;
COMMIT;
SET SESSION gtid_domain_id = 3, server_id = 2;
INSERT INTO t VALUES (5, 3, 'domain 3, server_id 2');
SET SESSION server_id = 1;
SET SESSION gtid_domain_id = 1, gtid_seq_no = 100;
INSERT INTO t VALUES (6, 1, 'domain 1, seq_no jumps to 100');
SET TIMESTAMP = 1700000060;
SET SESSION gtid_domain_id = 5;
XA START 'bk-xa-1';
INSERT INTO t VALUES (7, 5, 'XA prepared, then committed');
XA END 'bk-xa-1';
XA PREPARE 'bk-xa-1';
XA COMMIT 'bk-xa-1';
XA START 'bk-xa-2', 'branch-2', 7;
INSERT INTO t VALUES (8, 5, 'XA prepared, then rolled back');
XA END 'bk-xa-2', 'branch-2', 7;
XA PREPARE 'bk-xa-2', 'branch-2', 7;
XA ROLLBACK 'bk-xa-2', 'branch-2', 7;
XA START 'bk-xa-3';
INSERT INTO t VALUES (9, 5, 'XA one phase');
XA END 'bk-xa-3';
XA COMMIT 'bk-xa-3' ONE PHASE;
SET SESSION gtid_domain_id = 0;
INSERT INTO t VALUES (10, 0, 'domain 0, last in file 1');
FLUSH BINARY LOGS;
SQL
  wait_checkpoint $name $name.000002
  T0=1700000120 run_sql $name <<'SQL'
SET SESSION gtid_domain_id = 2;
INSERT INTO bk_gtid.t VALUES (11, 2, 'domain 2, in file 2');
SQL
  finish_stop $name $name.000001 $name.000002
  cp "$BK_WORK/$name.index.at-stop" "$OUT/binlogs/$name.index"
  chmod 0644 "$OUT/binlogs/$name.index"
  require_events $name.000001 Gtid XA_prepare Query Xid Rotate
  require_events $name.000002 Gtid_list Binlog_checkpoint Gtid Stop
  local domains
  domains=$(awk -F'\t' '$3 == "Gtid_list" { print $6 }' "$OUT/expected/$name.000002.events.tsv" |
    tr ',' '\n' | grep -c .)
  ((domains >= 4)) || bk_die "$name.000002: Gtid_list lists only $domains domains"
  register $name.000001 mixed "binlog_format=MIXED, GTIDs in domains 0, 1, 2, 3 (with session" \
    "server_id=2) and 5, a gtid_seq_no jump to 100; XA transactions: PREPARE then COMMIT," \
    "PREPARE then ROLLBACK (gtrid, bqual, formatID), COMMIT ONE PHASE (XA_prepare events," \
    "Gtid flags). Ends with Rotate (FLUSH BINARY LOGS)."
  register $name.000002 mixed "Second file of gtid-domains: Gtid_list with every domain/server of" \
    "file 1, two Binlog_checkpoint events, one transaction in domain 2; the server was stopped" \
    "cleanly, so it ends with a Stop event."
  register $name.index - "Binlog index of gtid-domains as the server wrote it (./ relative names)."
}

wl_rotate() {
  local name=rotate
  bk_server_start $name "log-bin = $name" "binlog_format = MIXED"
  run_sql $name <<'SQL'
CREATE DATABASE bk_rotate;
USE bk_rotate;
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(40)) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 'before rotation'), (2, 'before rotation');
FLUSH BINARY LOGS;
SQL
  wait_checkpoint $name $name.000002
  T0=1700000060 run_sql $name <<'SQL'
USE bk_rotate;
INSERT INTO t VALUES (3, 'after rotation');
UPDATE t SET v = 'updated after rotation' WHERE id = 1;
SQL
  finish_stop $name $name.000001 $name.000002
  require_events $name.000001 Rotate
  require_events $name.000002 Binlog_checkpoint Stop
  register $name.000001 mixed "A closed file: a few statements, then FLUSH BINARY LOGS, so it ends" \
    "with Rotate to rotate.000002."
  register $name.000002 mixed "The following file: starts with Gtid_list [0-1-3] and two" \
    "Binlog_checkpoint events, a few statements, then a clean server shutdown: ends with Stop."
}

wl_inuse() {
  local name=inuse file=inuse.000001 data size end pos cut
  bk_server_start $name "log-bin = $name" "binlog_format = ROW" "binlog_annotate_row_events = ON"
  run_sql $name <<'SQL'
CREATE DATABASE bk_inuse;
USE bk_inuse;
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(40), n DECIMAL(8,3)) ENGINE=InnoDB;
INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', -2.25), (3, 'three', 3.125);
UPDATE t SET v = 'two updated', n = n * 2 WHERE id = 2;
DELETE FROM t WHERE id = 3;
-- last event: a DDL Query event long enough to cut in the middle of its statement text
CREATE TABLE t_last (id INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL DEFAULT 'the last event of the in-use binlog') ENGINE=InnoDB COMMENT='inuse-truncated.000001 is cut in the middle of this event';
SQL
  data=$(bk_dir $name)/data
  show_events $name $file >"$OUT/expected/$file.events.tsv"
  cp "$data/$file" "$OUT/binlogs/$file"
  chmod 0644 "$OUT/binlogs/$file"
  show_events $name $file | cmp -s - "$OUT/expected/$file.events.tsv" ||
    bk_die "$file changed while it was copied"
  size=$(stat -c %s "$OUT/binlogs/$file")
  end=$(last_end_pos "$OUT/expected/$file.events.tsv")
  [[ $size == "$end" ]] || bk_die "$file: copied $size bytes, SHOW BINLOG EVENTS ends at $end"
  [[ $(in_use_flag "$OUT/binlogs/$file") == 1 ]] || bk_die "$file: in-use flag not set in the copy"
  pos=$(awk -F'\t' 'NR > 1 { p = $2 } END { print p }' "$OUT/expected/$file.events.tsv")
  cut=$((pos + (end - pos) / 2))
  head -c "$cut" "$OUT/binlogs/$file" >"$OUT/binlogs/inuse-truncated.000001"
  chmod 0644 "$OUT/binlogs/inuse-truncated.000001"
  bk_server_stop $name
  require_events $file Annotate_rows Write_rows_v1 Update_rows_v1 Delete_rows_v1 Query
  register $file rows "Copy of the active binlog taken while the server ran: in-use flag" \
    "(LOG_EVENT_BINLOG_IN_USE_F) set in the Format_description, no Rotate/Stop at the end; ROW" \
    "DML then a CREATE TABLE as last event. The .events.tsv was taken at the time of the copy."
  register inuse-truncated.000001 rows "inuse.000001 cut at byte $cut, in the middle of its last" \
    "event (Query at $pos, end $end; the 19-byte header is complete, the statement text is not)." \
    "No .events.tsv (the server cannot list it); its complete events are the first rows of" \
    "inuse.000001.events.tsv."
}

# ---------------------------------------------------------------------------------------------
# goldens

VARIANTS=(default decode-rows-vv hexdump short-form flashback)
declare -A VARIANT_ARGS=(
  [default]=""
  [decode-rows-vv]="--base64-output=decode-rows -vv"
  [hexdump]="--hexdump"
  [short-form]="--short-form"
  [flashback]="--flashback"
)

# mariadb-binlog runs in a scratch dir on a bare file name with --local-load=local-load (a
# fresh empty dir each time), so the LOAD DATA file it names is always local-load/SQL_LOAD_MB-1-0.
make_goldens() {
  local file variant rc scratch status=$OUT/expected/mariadb-binlog.status.tsv
  printf 'file\tvariant\targuments\texit_status\n' >"$status"
  for file in "${FILES[@]}"; do
    [[ $file == *.index ]] && continue
    for variant in "${VARIANTS[@]}"; do
      [[ $variant == flashback && -z ${ROWS_ONLY[$file]:-} ]] && continue
      scratch=$BK_WORK/mariadb-binlog-run
      rm -rf "$scratch"
      mkdir -p "$scratch/local-load"
      ln -s "$OUT/binlogs/$file" "$scratch/$file"
      rc=0
      # shellcheck disable=SC2086 # VARIANT_ARGS holds several words
      (cd "$scratch" && TZ=UTC "$MARIADB_BINLOG" --no-defaults --local-load=local-load \
        ${VARIANT_ARGS[$variant]} "$file") \
        >"$OUT/expected/$file.$variant.txt" 2>"$scratch/stderr" || rc=$?
      if [[ -s $scratch/stderr ]]; then
        cp "$scratch/stderr" "$OUT/expected/$file.$variant.stderr.txt"
      fi
      printf '%s\t%s\t%s\t%s\n' "$file" "$variant" \
        "--no-defaults --local-load=local-load ${VARIANT_ARGS[$variant]}" "$rc" >>"$status"
    done
  done
  rm -rf "$scratch"
}

check_sizes() {
  local f size total=0
  for f in "$OUT"/binlogs/*; do
    size=$(stat -c %s "$f")
    ((size < MAX_FILE_BYTES)) || bk_die "$(basename "$f") is $size bytes (limit $MAX_FILE_BYTES)"
    total=$((total + size))
  done
  ((total < MAX_TOTAL_BYTES)) || bk_die "binlogs total $total bytes (limit $MAX_TOTAL_BYTES)"
}

write_readme() {
  local file size
  {
    cat <<'EOF'
# testdata: MariaDB binlogs and golden outputs

Generated by `testdata/make-binlogs.sh` (do not edit by hand; rerun the script instead).
Requires the Debian packages `mariadb-server` and `mariadb-client`. The script starts throwaway
servers (unix socket only, fresh datadir per workload, `server_id=1`) under a temp dir, stops
them by the pid in their pid files, and replaces `binlogs/` and `expected/` only on success.

    testdata/make-binlogs.sh

`testdata/make-big-binlog.sh [OUT_FILE [SIZE_MB]]` makes a large ROW binlog that is **not**
committed (default `$HOME/.cache/binlogkit/big-row.000001`, 1024 MB); both scripts share the
server start/stop code in `testdata/lib-server.sh`.

## Server

EOF
    echo '```'
    "$MARIADBD" --version
    "$MARIADB_BINLOG" --version
    echo '```'
    cat <<'EOF'

## Layout

- `binlogs/<file>`: the binlog bytes as the server wrote them. Every file starts at position 4
  with a Format_description event (each workload had a fresh datadir).
- `expected/<file>.events.tsv`: the server's own `SHOW BINLOG EVENTS IN '<file>'`, exactly as
  `mariadb -B --default-character-set=binary -e "SHOW BINLOG EVENTS IN '<file>'"` prints it
  (header line, tab-separated, `\n` `\t` `\\` escaped by batch mode; `binary` results so that
  statement text is passed through unconverted — with utf8mb4 the server turns 4-byte UTF-8
  characters into `?` because the Info column is utf8mb3). Taken while the server ran; for
  files that end with a Stop event the server was restarted on the same datadir to list them
  (the script checks that the restart left them byte-identical).
- `expected/<file>.<variant>.txt`: stdout of `mariadb-binlog --no-defaults
  --local-load=local-load <args> <file>`, **run with `TZ=UTC`**, in a scratch directory holding
  the file under its bare name and an empty `local-load/` directory (so LOAD DATA events print
  `LOAD DATA LOCAL INFILE 'local-load/SQL_LOAD_MB-1-0'`). Variants:

  | variant          | arguments                               |
  |------------------|-----------------------------------------|
  | `default`        | (none)                                  |
  | `decode-rows-vv` | `--base64-output=decode-rows -vv`       |
  | `hexdump`        | `--hexdump`                             |
  | `short-form`     | `--short-form`                          |
  | `flashback`      | `--flashback` (pure ROW files only)     |

  `expected/<file>.<variant>.stderr.txt` holds stderr when there was any, and
  `expected/mariadb-binlog.status.tsv` the exit status of every run.

## Stability

Same workload, same event layout (positions, types, sizes): every session starts with
`SET TIMESTAMP=1700000000` (2023-11-14 22:13:20 UTC, advanced with further `SET TIMESTAMP`s),
`pseudo_thread_id=1001` and fixed `rand_seed1`/`rand_seed2`. What differs between
regenerations: the timestamps of server-generated events (Format_description, Gtid_list,
Binlog_checkpoint, Rotate, Stop), `exec_time` of Query events (wall clock minus the pinned
timestamp, so it is large), UUID()/UUID_SHORT() values in `mixed`, and hence CRC32 checksums.

Regenerating everything takes about 12 s here (11 server starts, 63 mariadb-binlog runs).

## Files

| file | bytes | covers |
|------|------:|--------|
EOF
    for file in "${FILES[@]}"; do
      size=$(stat -c %s "$OUT/binlogs/$file")
      printf '| `%s` | %s | %s |\n' "$file" "$size" "${DESC[$file]}"
    done
    cat <<'EOF'

## Event types per file (from the .events.tsv)

| file | events |
|------|--------|
EOF
    for file in "${FILES[@]}"; do
      [[ -e $OUT/expected/$file.events.tsv ]] || continue
      printf '| `%s` | %s |\n' "$file" "$(awk -F'\t' 'NR > 1 { if (!($3 in n)) o[++k] = $3; n[$3]++ }
        END { for (i = 1; i <= k; i++) printf "%s%s %d", (i > 1 ? ", " : ""), o[i], n[o[i]] }' \
        "$OUT/expected/$file.events.tsv")"
    done
    cat <<'EOF'

## What the server and mariadb-binlog said

Notes and warnings the server returned to the workload sessions (nothing was refused; every
statement was executed and logged):

EOF
    if [[ -s $BK_WORK/client-notes.txt ]]; then
      sed 's/^/- /' "$BK_WORK/client-notes.txt"
    else
      echo "- (none)"
    fi
    cat <<'EOF'

mariadb-binlog runs with a non-zero exit status or output on stderr:

EOF
    awk -F'\t' 'NR > 1 { print $1 "\t" $2 "\t" $4 }' "$OUT/expected/mariadb-binlog.status.tsv" |
      while IFS=$'\t' read -r file variant rc; do
        if [[ $rc != 0 || -e $OUT/expected/$file.$variant.stderr.txt ]]; then
          printf -- '- `%s` `%s`: exit status %s, stderr: `%s`\n' "$file" "$variant" "$rc" \
            "$(tr -s '\n' ' ' <"$OUT/expected/$file.$variant.stderr.txt" 2>/dev/null | sed 's/^ *//; s/ *$//')"
        fi
      done
    cat <<'EOF'

The 1592 note is for `UPDATE t_auto SET r = RAND() * 1000 WHERE id <= 2` (a multi-row UPDATE
with RAND() is unsafe; STATEMENT format logs it anyway, with a RAND event).

Known server behaviour visible in these files: `CREATE DATABASE` is logged as a plain Query
even with log_bin_compress=ON (other DDL is Query_compressed); a rotation writes a second
Binlog_checkpoint into the new file asynchronously (the script waits for it before writing
more); `--flashback` needs full row images, so it fails on the MINIMAL/NOBLOB files;
mariadb-binlog reports the truncated event on stderr but exits 0.
EOF
  } >"$OUT/README.md"
}

# ---------------------------------------------------------------------------------------------

main() {
  local started=$SECONDS dest=$HERE
  if [[ ${1:-} == --out ]]; then
    [[ -n ${2:-} ]] || bk_die "--out needs a directory"
    dest=$2
    mkdir -p "$dest"
  elif [[ $# -gt 0 ]]; then
    bk_die "usage: testdata/make-binlogs.sh [--out DIR]"
  fi
  bk_log "work dir $BK_WORK"
  bk_make_template
  local wl
  for wl in statement row row_minimal row_noblob mixed annotate_off compressed nochecksum \
      gtid_domains rotate inuse; do
    bk_log "workload $wl"
    "wl_$wl"
  done
  bk_log "mariadb-binlog goldens"
  # inuse-truncated.000001 is registered by wl_inuse but has no .events.tsv
  make_goldens
  check_sizes
  write_readme
  rm -rf "$dest/binlogs" "$dest/expected"
  cp -r "$OUT/binlogs" "$OUT/expected" "$dest/"
  cp "$OUT/README.md" "$dest/README.md"
  bk_log "done in $((SECONDS - started)) s: $(find "$dest/binlogs" -type f | wc -l) binlog files," \
    "$(du -cb "$dest"/binlogs/* | tail -n 1 | cut -f1) bytes"
}

main "$@"
