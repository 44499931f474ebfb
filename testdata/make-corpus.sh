#!/usr/bin/env bash
# Generates the benchmark corpus: MariaDB binlogs of several workload shapes, written by a live
# server (so each file is what a user has: a binlog the server wrote itself). NOT committed.
#
# Usage: testdata/make-corpus.sh [SHAPE...]      (default: every shape; an existing file is kept)
#   oltp       single-row autocommit transactions on three tables (INSERT 60 %, UPDATE 30 %,
#              DELETE 10 %), ~230 MB: one client round trip per transaction makes 1 GB slow
#   bulk       bulk narrow rows (~110 bytes): INSERT ... SELECT of 20,000-40,000 rows, UPDATEs
#              and DELETEs of thousands of rows, no Annotate_rows bulk text, ~1 GB
#   wide       wide rows: TEXT, BLOB and JSON values of 1-64 KB, ~1 GB
#   statement  binlog_format=STATEMENT: Query events dominate (single-row statements and
#              multi-row INSERTs with literal VALUES), ~500 MB
#   mixed      binlog_format=MIXED: statements, with the unsafe ones (UUID(), LIMIT without
#              ORDER BY) logged as rows, ~500 MB
#   shop       the README's file: testdata/make-big-binlog.sh (large annotated INSERTs), 1 GB
#   list       four files (max_binlog_size=1G, rotated by the server), >= 4 GB together, replayed
#              as a list: the bulk and the OLTP rounds alternated, a night of batch and OLTP work
# Environment:
#   BINLOGKIT_CORPUS=DIR   where the files go (default $HOME/.cache/binlogkit/corpus), outside
#                          the repository; DIR/SHAPE/SHAPE.000001 (list: DIR/list/list.00000[1-4])
#   CORPUS_SCALE=1.0       size factor (e.g. 0.1 for a quick corpus)
#
# Every shape runs on a throwaway server (testdata/lib-server.sh: fresh datadir, unix socket only,
# server_id=1, binlog_row_image=FULL, sync_binlog=0, innodb_flush_log_at_trx_commit=0), data derived
# from the round number (awk srand(round)), SET TIMESTAMP advanced 60 s per round from
# 2023-11-14 22:13:20 UTC: the same shape and scale give the same event layout. A file is moved
# into place only when complete (closed by Rotate, in-use flag clear, size equal to SHOW BINARY LOGS).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=testdata/lib-server.sh
source "$HERE/lib-server.sh"

usage() {
  sed -n '4,25p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[[ ${1:-} == -h || ${1:-} == --help ]] && usage

ALL=(oltp bulk wide statement mixed shop list)
SHAPES=("$@")
((${#SHAPES[@]})) || SHAPES=("${ALL[@]}")
for s in "${SHAPES[@]}"; do
  [[ " ${ALL[*]} " == *" $s "* ]] || bk_die "unknown shape '$s' (shapes: ${ALL[*]})"
done
SCALE=${CORPUS_SCALE:-1.0}
[[ $SCALE =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v s="$SCALE" 'BEGIN { exit !(s > 0 && s <= 1) }' ||
  bk_die "CORPUS_SCALE must be a number in (0, 1], got '$SCALE'"
OUT=$(realpath -m -- "${BINLOGKIT_CORPUS:-$HOME/.cache/binlogkit/corpus}")
REPO=$(cd "$HERE/.." && pwd -P)
case $OUT/ in "$REPO"/*) bk_die "BINLOGKIT_CORPUS $OUT is inside the repository; the corpus is not committed" ;; esac

mb() { awk -v m="$1" -v s="$SCALE" 'BEGIN { printf "%d", m * s * 1024 * 1024 }'; } # MiB * scale -> bytes
T0=1700000000

bk_init_tools
bk_init_workdir
bk_install_traps

# --- SQL of one round per shape (deterministic in the round number) --------------------------------

oltp_schema() {
  cat <<'SQL'
CREATE DATABASE app; USE app;
CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(32) NOT NULL, balance BIGINT NOT NULL,
  updated DATETIME NOT NULL, flags TINYINT NOT NULL DEFAULT 0) ENGINE=InnoDB;
CREATE TABLE orders (id BIGINT PRIMARY KEY, account INT NOT NULL, amount DECIMAL(10,2) NOT NULL,
  status VARCHAR(16) NOT NULL, note VARCHAR(64), KEY (account)) ENGINE=InnoDB;
CREATE TABLE sessions (id INT PRIMARY KEY, account INT NOT NULL, started TIMESTAMP(3) NOT NULL,
  agent VARCHAR(80)) ENGINE=InnoDB;
SQL
}
# 1000 single-row autocommit transactions per round.
oltp_round() {
  awk -v r="$1" -v t0="$T0" 'BEGIN {
    srand(r); printf "SET TIMESTAMP=%d;\nUSE app;\n", t0 + r * 60
    base = (r - 1) * 1000
    for (i = 1; i <= 1000; i++) {
      id = base + i; k = i % 10
      if (k < 3) printf "INSERT INTO accounts VALUES (%d,%cuser-%d%c,%d,FROM_UNIXTIME(%d),%d);\n", id, 39, id, 39, int(rand() * 100000), t0 + r * 60, i % 4
      else if (k < 5) printf "INSERT INTO orders VALUES (%d,%d,%d.%02d,%cnew%c,%corder %d%c);\n", id, 1 + int(rand() * (base + 1)), int(rand() * 1000), i % 100, 39, 39, 39, id, 39
      else if (k < 6) printf "INSERT INTO sessions VALUES (%d,%d,FROM_UNIXTIME(%d.%03d),%cMozilla/5.0 (X11; Linux x86_64) r%d%c);\n", id, 1 + int(rand() * (base + 1)), t0 + r * 60, i, 39, r, 39
      else if (k < 8) printf "UPDATE accounts SET balance = balance + %d, flags = flags ^ 1 WHERE id = %d;\n", int(rand() * 200) - 100, base - 10 * int(rand() * 50) + (i % 3)
      else if (k < 9) printf "UPDATE orders SET status = %cpaid%c WHERE id = %d;\n", 39, 39, base + i - 5
      else printf "DELETE FROM sessions WHERE id = %d;\n", base - 1000 + i - 4
    }
  }'
}

bulk_schema() {
  cat <<'SQL'
CREATE DATABASE bulk; USE bulk;
CREATE TABLE items (id INT PRIMARY KEY, grp INT NOT NULL, qty INT NOT NULL, price DECIMAL(10,2) NOT NULL,
  created DATETIME NOT NULL, flag TINYINT NOT NULL, label VARCHAR(60) NOT NULL, KEY (grp)) ENGINE=InnoDB;
CREATE TABLE items_copy LIKE items;
SQL
}
# INSERT ... SELECT of 20,000-40,000 rows, a copy, UPDATEs and DELETEs of thousands of rows.
bulk_round() {
  awk -v r="$1" -v t0="$T0" 'BEGIN {
    srand(r); printf "SET TIMESTAMP=%d;\nUSE bulk;\n", t0 + r * 60
    n = 20000 + int(rand() * 20001); base = r * 100000
    printf "INSERT INTO items SELECT %d + seq, seq %% 977, (seq * 17 + %d) %% 1000, ((seq * 31 + %d) %% 1000000) / 100, FROM_UNIXTIME(%d - seq %% 86400), seq %% 2, CONCAT(%citem %d-%c, seq, %c of group %c, seq %% 977, %c %c, LEFT(MD5(seq + %d), 12)) FROM seq_1_to_%d;\n", base, r, r, t0 + r * 60, 39, r, 39, 39, 39, 39, 39, r, n
    printf "INSERT INTO items_copy SELECT * FROM items WHERE id BETWEEN %d AND %d;\n", base + 1, base + int(n / 2)
    printf "UPDATE items SET qty = qty + 1, price = price * 1.01, flag = 1 - flag WHERE id BETWEEN %d AND %d;\n", base + 1, base + 3000 + int(rand() * 5000)
    printf "UPDATE items_copy SET label = CONCAT(label, %c!%c) WHERE id BETWEEN %d AND %d;\n", 39, 39, base + 1, base + 2000
    if (r > 2) {
      printf "DELETE FROM items WHERE id BETWEEN %d AND %d;\n", base - 200000 + 1, base - 100000
      printf "DELETE FROM items_copy WHERE id BETWEEN %d AND %d;\n", base - 200000 + 1, base - 100000
    }
  }'
}

wide_schema() {
  cat <<'SQL'
CREATE DATABASE wide; USE wide;
CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, body MEDIUMTEXT, data MEDIUMBLOB,
  meta JSON, updated DATETIME(6) NOT NULL) ENGINE=InnoDB;
SQL
}
# 40 rows of 1-64 KB values inserted, 10 updated, the rows of two rounds before deleted.
wide_round() {
  awk -v r="$1" -v t0="$T0" 'BEGIN {
    srand(r); printf "SET TIMESTAMP=%d;\nUSE wide;\n", t0 + r * 60
    base = r * 100
    for (i = 1; i <= 40; i++) {
      tb = 1 + int(rand() * 64); bb = 1 + int(rand() * 64); jb = 1 + int(rand() * 16)
      printf "INSERT INTO docs VALUES (%d, %cdoc %d.%d%c, REPEAT(CONCAT(%cline %d %c, MD5(%d), %c\\n%c), %d), UNHEX(REPEAT(MD5(%d), %d)), JSON_OBJECT(%cid%c, %d, %ctags%c, JSON_ARRAY(%ca%c, %cb%c), %cpad%c, REPEAT(%cx%c, %d)), FROM_UNIXTIME(%d.%06d));\n", \
        base + i, 39, r, i, 39, 39, i, 39, base + i, 39, 39, tb * 23, base + i, bb * 63, 39, 39, base + i, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, jb * 1000, t0 + r * 60, i
    }
    for (i = 1; i <= 10; i++)
      printf "UPDATE docs SET body = CONCAT(body, %cedited%c), meta = JSON_SET(meta, %c$.v%c, %d), updated = FROM_UNIXTIME(%d) WHERE id = %d;\n", 39, 39, 39, 39, r, t0 + r * 60, base + i * 4
    if (r > 2) printf "DELETE FROM docs WHERE id BETWEEN %d AND %d;\n", base - 200 + 1, base - 100
  }'
}

stmt_schema() {
  cat <<'SQL'
CREATE DATABASE stmt; USE stmt;
CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL,
  score INT NOT NULL, seen DATETIME NOT NULL) ENGINE=InnoDB;
CREATE TABLE log (id BIGINT PRIMARY KEY, user_id INT NOT NULL, what VARCHAR(200) NOT NULL, tag CHAR(36)) ENGINE=InnoDB;
SQL
}
# 300 single-row statements, a 200-row literal INSERT; in mixed format also unsafe statements.
stmt_round() {
  awk -v r="$1" -v t0="$T0" -v mixed="$2" 'BEGIN {
    srand(r); printf "SET TIMESTAMP=%d;\nUSE stmt;\n", t0 + r * 60
    base = r * 1000
    printf "INSERT INTO users VALUES "
    for (i = 1; i <= 200; i++)
      printf "%s(%d,%cname %d%c,%cuser%d@example.com%c,%d,FROM_UNIXTIME(%d))", (i > 1 ? "," : ""), base + i, 39, base + i, 39, 39, base + i, 39, int(rand() * 1000), t0 + r * 60
    printf ";\n"
    for (i = 1; i <= 300; i++) {
      k = i % 3
      if (k == 0) printf "UPDATE users SET score = score + %d, seen = FROM_UNIXTIME(%d) WHERE id = %d;\n", int(rand() * 10), t0 + r * 60, base + 1 + int(rand() * 200)
      else printf "INSERT INTO log VALUES (%d,%d,%cvisited /page/%d?ref=%d from %s%c,%s);\n", base * 10 + i, base + 1 + int(rand() * 200), 39, int(rand() * 5000), i, (k == 1 ? "mail" : "search"), 39, (mixed && i % 10 == 1 ? "UUID()" : "NULL")
    }
    if (mixed) printf "UPDATE log SET tag = %cx%c WHERE user_id = %d LIMIT 5;\n", 39, 39, base + 1 + int(rand() * 200)
    if (r > 2) {
      printf "DELETE FROM log WHERE id BETWEEN %d AND %d;\n", (base - 2000) * 10, (base - 1000) * 10
      printf "DELETE FROM users WHERE id BETWEEN %d AND %d;\n", base - 2000, base - 1000
    }
  }'
}

# The list: a night of batch and OLTP work, bulk rounds and OLTP rounds alternated.
list_schema() { oltp_schema; bulk_schema; }
list_round() { bulk_round "$1"; oltp_round "$1"; }

# --- one server per shape ------------------------------------------------------------------------

SERVER_OPTS=("binlog_row_image = FULL" "max_binlog_size = 1G" "sync_binlog = 0"
  "innodb_flush_log_at_trx_commit = 0" "innodb_doublewrite = 0" "innodb_buffer_pool_size = 512M"
  "innodb_log_file_size = 256M" "binlog_cache_size = 4M" "max_allowed_packet = 64M")

# generate NAME FORMAT TARGET_BYTES FILES SCHEMA_FN ROUND_FN [ROUND_ARG]: rounds until the server has
# written FILES files and the last one reached TARGET_BYTES; then DIR/NAME/NAME.00000[1..FILES].
generate() {
  local name=$1 format=$2 target=$3 files=$4 schema=$5 round=$6 arg=${7:-}
  local dest=$OUT/$name last started=$SECONDS r=0 data i size listed
  last=$(printf '%s.%06d' "$name" "$files")
  if [[ -f $dest/$last ]]; then
    bk_log "$name: kept $dest (delete it to make it again)"
    return 0
  fi
  bk_log "$name: generating $files file(s) of ~$((target / 1024 / 1024)) MiB into $dest"
  local extra=()
  ((files > 1)) && extra=("max_binlog_size = $target") # the server rotates at the target size
  bk_server_start "$name" "log-bin = $name" "binlog_format = $format" "binlog_annotate_row_events = ON" \
    "${SERVER_OPTS[@]}" "${extra[@]}"
  data=$(bk_dir "$name")/data
  "$schema" | bk_sql "$name"
  while :; do
    local cur
    cur=$(ls "$data/$name".[0-9]* | tail -n 1)
    if [[ $cur == "$data/$last" ]] && (($(stat -c %s "$cur") >= target)); then break; fi
    [[ -e $data/$(printf '%s.%06d' "$name" $((files + 1))) ]] && break
    r=$((r + 1))
    "$round" "$r" "$arg" | bk_sql "$name" --max-allowed-packet=64M
    ((r % 100 == 0)) && bk_log "$name: round $r: $(($(stat -c %s "$cur") / 1024 / 1024)) MiB in $(basename "$cur")"
  done
  bk_sql "$name" -e "FLUSH BINARY LOGS"
  mkdir -p "$dest"
  for ((i = 1; i <= files; i++)); do
    local f
    f=$(printf '%s.%06d' "$name" "$i")
    size=$(stat -c %s "$data/$f")
    listed=$(bk_sql "$name" -N -B -e "SHOW BINARY LOGS" | awk -v f="$f" '$1 == f { print $2 }')
    [[ $size == "$listed" ]] || bk_die "$f is $size bytes, the server lists $listed"
  done
  bk_server_stop "$name"
  for ((i = 1; i <= files; i++)); do
    local f
    f=$(printf '%s.%06d' "$name" "$i")
    (($(od -An -tu1 -j21 -N1 "$data/$f") & 1)) && bk_die "$f still has its in-use flag"
    mv -f "$data/$f" "$dest/$f.tmp"
    chmod 0644 "$dest/$f.tmp"
  done
  for ((i = 1; i <= files; i++)); do
    local f
    f=$(printf '%s.%06d' "$name" "$i")
    mv -f "$dest/$f.tmp" "$dest/$f"
  done
  bk_log "$name: done in $((SECONDS - started)) s, $r rounds: $(du -sh "$dest" | cut -f1)"
}

for s in "${SHAPES[@]}"; do
  case $s in
    oltp) generate oltp ROW "$(mb 230)" 1 oltp_schema oltp_round ;;
    bulk) generate bulk ROW "$(mb 1000)" 1 bulk_schema bulk_round ;;
    wide) generate wide ROW "$(mb 1000)" 1 wide_schema wide_round ;;
    statement) generate statement STATEMENT "$(mb 500)" 1 stmt_schema stmt_round 0 ;;
    mixed) generate mixed MIXED "$(mb 500)" 1 stmt_schema stmt_round 1 ;;
    shop)
      if [[ -f $OUT/shop/shop.000001 ]]; then
        bk_log "shop: kept $OUT/shop"
      else
        mkdir -p "$OUT/shop"
        "$HERE/make-big-binlog.sh" "$OUT/shop/shop.000001" "$(awk -v s="$SCALE" 'BEGIN { printf "%d", 1024 * s }')"
      fi
      ;;
    list)
      generate list ROW "$(mb 1000)" 4 list_schema list_round
      ;;
  esac
done
