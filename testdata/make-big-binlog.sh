#!/usr/bin/env bash
# Generates one large ROW-format MariaDB binlog for benchmarks and stress tests. NOT committed.
#
# Usage: testdata/make-big-binlog.sh [OUT_FILE [SIZE_MB]]
#   OUT_FILE  where to write the binlog (default $HOME/.cache/binlogkit/big-row.000001);
#             must be outside the repository
#   SIZE_MB   approximate size in MiB, 1..1024 (default 1024); the file is closed with a Rotate
#             event after the first round that reaches it, so it is slightly larger
#
# A throwaway server (testdata/lib-server.sh: fresh datadir, unix socket only, server_id=1,
# binlog_format=ROW, binlog_annotate_row_events=ON, binlog_row_image=FULL, max_binlog_size=1G)
# runs "rounds" of a shop-like workload until its binlog reaches SIZE_MB:
#   customers    INT id, VARCHAR name/email, CHAR country, DATETIME, DECIMAL(12,2) balance
#   orders       BIGINT id, DATETIME(3), DECIMAL(10,2), CHAR(3), VARCHAR(255), ENUM
#   order_items  composite primary key, VARCHAR sku, INT qty, DECIMAL(10,2) price
#   events_log   BIGINT AUTO_INCREMENT, TIMESTAMP(6), VARCHAR(20), VARCHAR(1000) payload
# Each round: a 300-row multi-row INSERT with literal VALUES (large Annotate_rows), 4000-row and
# 12000-row INSERT...SELECT, UPDATEs of 200..1500 rows, DELETEs of the rows of three rounds
# before (keeps the tables small), a multi-statement transaction and 20 single-row
# autocommit INSERTs. Every round advances SET TIMESTAMP by 60 s from 2023-11-14 22:13:20 UTC.
# Data is derived from the round number, so the same SIZE_MB gives the same event layout.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=testdata/lib-server.sh
source "$HERE/lib-server.sh"

usage() {
  sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ ${1:-} == -h || ${1:-} == --help ]] && usage
(($# <= 2)) || usage
OUT_FILE=${1:-$HOME/.cache/binlogkit/big-row.000001}
SIZE_MB=${2:-1024}
[[ $SIZE_MB =~ ^[0-9]+$ ]] && ((SIZE_MB >= 1 && SIZE_MB <= 1024)) ||
  bk_die "SIZE_MB must be an integer from 1 to 1024 (one binlog file, max_binlog_size=1G), got '$SIZE_MB'"

OUT_FILE=$(realpath -m -- "$OUT_FILE")
OUT_DIR=$(dirname "$OUT_FILE")
REPO=$(cd "$HERE/.." && pwd -P)
case $OUT_FILE in
  "$REPO"/*) bk_die "OUT_FILE $OUT_FILE is inside the repository; big binlogs are not committed" ;;
esac
mkdir -p "$OUT_DIR"

bk_init_tools
bk_init_workdir
bk_install_traps

TARGET_BYTES=$((SIZE_MB * 1024 * 1024))
# room for the datadir (tables stay small, redo log 256M) and the binlog, twice if the work
# dir and the output are on different file systems
need_kb=$((TARGET_BYTES / 1024 + 600 * 1024))
for d in "$BK_WORK" "$OUT_DIR"; do
  avail_kb=$(df -Pk "$d" | awk 'NR == 2 { print $4 }')
  ((avail_kb > need_kb)) || bk_die "not enough free space in $d: ${avail_kb} KiB, need ~${need_kb} KiB"
done

NAME=big-row
T0=1700000000
CUSTOMERS_PER_ROUND=300
ORDERS_PER_ROUND=4000

schema_sql() {
  cat <<'SQL'
CREATE DATABASE shop;
USE shop;
CREATE TABLE customers (
  id INT NOT NULL PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  email VARCHAR(128) NOT NULL,
  country CHAR(2) NOT NULL,
  created DATETIME NOT NULL,
  balance DECIMAL(12,2) NOT NULL DEFAULT 0,
  status TINYINT NOT NULL DEFAULT 0,
  KEY (country)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT NOT NULL PRIMARY KEY,
  customer_id INT NOT NULL,
  order_date DATETIME(3) NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  currency CHAR(3) NOT NULL,
  note VARCHAR(255),
  status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  KEY (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE order_items (
  order_id BIGINT NOT NULL,
  line SMALLINT NOT NULL,
  sku VARCHAR(32) NOT NULL,
  qty INT NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line)
) ENGINE=InnoDB;
CREATE TABLE events_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ts TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  kind VARCHAR(20) NOT NULL,
  payload VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
SQL
}

# round_sql R: the SQL of round R (R >= 1), deterministic in R.
round_sql() {
  awk -v r="$1" -v t0="$T0" -v nc="$CUSTOMERS_PER_ROUND" -v no="$ORDERS_PER_ROUND" '
  function pick(list, n,   a) { n = split(list, a, " "); return a[1 + int(rand() * n)] }
  BEGIN {
    srand(r)
    ts = t0 + r * 60
    printf "SET TIMESTAMP=%d;\nUSE shop;\n", ts
    firsts = "Anna Ben Chloe David Emma Felix Grace Hugo Ines Jonas Kira Liam Mia Noah Olga Paul Rosa Sven Tara Umut"
    lasts = "Meyer Schmidt Novak Rossi Garcia Smith Dubois Jensen Kowalski Silva Nagy Popescu Horvat Ivanova"
    countries = "DE FR IT ES PL NL SE CZ AT PT HU RO HR BG"
    # 1. literal multi-row INSERT
    printf "INSERT INTO customers (id, name, email, country, created, balance, status) VALUES\n"
    for (i = 1; i <= nc; i++) {
      id = (r - 1) * nc + i
      fn = pick(firsts); ln = pick(lasts)
      printf "%s(%d, '\''%s %s'\'', '\''%s.%s.%d@example.com'\'', '\''%s'\'', FROM_UNIXTIME(%d), %.2f, %d)", \
        (i > 1 ? ",\n" : ""), id, fn, ln, tolower(fn), tolower(ln), id, pick(countries), \
        ts - int(rand() * 86400 * 365), (rand() - 0.2) * 10000, int(rand() * 4)
    }
    printf ";\n"
    ob = (r - 1) * no          # order ids of this round: ob+1 .. ob+no
    maxc = r * nc
    # 2. orders and 3. items, generated by the server
    printf "INSERT INTO orders (id, customer_id, order_date, amount, currency, note, status)\n"
    printf "  SELECT %d + seq, 1 + (seq * 7919 + %d) %% %d, FROM_UNIXTIME(%d - (seq * 37) %% 86400) + INTERVAL (seq * 7) %% 1000 * 1000 MICROSECOND,\n", ob, r * 104729, maxc, ts
    printf "    ((seq * 2654435761 + %d) %% 5000000) / 100 - 100, ELT(1 + seq %% 4, '\''EUR'\'', '\''USD'\'', '\''GBP'\'', '\''PLN'\''),\n", r
    printf "    IF(seq %% 5 = 0, NULL, CONCAT('\''order '\'', %d, '\''-'\'', seq, '\'' '\'', LEFT(MD5(seq + %d), 8 + seq %% 24))), ELT(1 + seq %% 3, '\''new'\'', '\''paid'\'', '\''new'\'')\n", r, r
    printf "  FROM seq_1_to_%d;\n", no
    printf "INSERT INTO order_items (order_id, line, sku, qty, price)\n"
    printf "  SELECT o.seq + %d, l.seq, CONCAT('\''SKU-'\'', LPAD((o.seq * 31 + l.seq * 7 + %d) %% 100000, 6, '\''0'\'')), 1 + (o.seq + l.seq) %% 9,\n", ob, r
    printf "    ((o.seq * 17 + l.seq * 101 + %d) %% 50000) / 100\n", r
    printf "  FROM seq_1_to_%d o JOIN seq_1_to_3 l;\n", no
    # 4. updates
    printf "UPDATE orders SET status = '\''shipped'\'', amount = amount * 1.05, note = CONCAT(IFNULL(note, '\'''\''), '\'' shipped r%d'\'') WHERE id BETWEEN %d AND %d;\n", r, ob + 1, ob + 1500
    if (r > 1)
      printf "UPDATE orders SET status = '\''paid'\'' WHERE id BETWEEN %d AND %d;\n", ob - no + 2001, ob - no + 3000
    lo = 1 + int(rand() * (maxc - 200))
    printf "UPDATE customers SET balance = balance - 12.34, status = (status + 1) %% 4 WHERE id BETWEEN %d AND %d;\n", lo, lo + 199
    # 5. multi-statement transaction
    printf "BEGIN;\n"
    printf "INSERT INTO events_log (kind, payload) VALUES ('\''round'\'', '\''{\"round\": %d, \"orders\": %d}'\'');\n", r, no
    printf "UPDATE customers SET balance = balance + 100 WHERE id = %d;\n", 1 + int(rand() * maxc)
    printf "UPDATE orders SET status = '\''cancelled'\'', note = NULL WHERE id = %d;\n", ob + 1 + int(rand() * no)
    printf "DELETE FROM events_log WHERE kind = '\''click'\'' AND id %% 3 = 0;\n"
    printf "COMMIT;\n"
    # 6. single-row autocommit INSERTs
    for (i = 1; i <= 20; i++)
      printf "INSERT INTO events_log (kind, payload) VALUES ('\''%s'\'', '\''user=%d page=/p/%d ref=%s'\'');\n", \
        pick("click view click search"), int(rand() * maxc), int(rand() * 1000), pick("direct mail ads social")
    # 7. deletes of round r-3
    if (r > 3) {
      printf "DELETE FROM order_items WHERE order_id BETWEEN %d AND %d;\n", ob - 3 * no + 1, ob - 2 * no
      printf "DELETE FROM orders WHERE id BETWEEN %d AND %d;\n", ob - 3 * no + 1, ob - 2 * no
    }
  }'
}

binlog_size() {
  stat -c %s "$(bk_dir $NAME)/data/$NAME.000001"
}

main() {
  local started=$SECONDS r=0 data
  bk_log "generating ~${SIZE_MB} MiB ROW binlog into $OUT_FILE (work dir $BK_WORK)"
  bk_server_start $NAME "log-bin = $NAME" "binlog_format = ROW" "binlog_annotate_row_events = ON" \
    "binlog_row_image = FULL" "max_binlog_size = 1G" "sync_binlog = 0" \
    "innodb_flush_log_at_trx_commit = 0" "innodb_doublewrite = 0" \
    "innodb_buffer_pool_size = 512M" "innodb_log_file_size = 256M" \
    "binlog_cache_size = 4M" "max_allowed_packet = 64M"
  data=$(bk_dir $NAME)/data
  schema_sql | bk_sql $NAME
  while [[ ! -e $data/$NAME.000002 ]] && (($(binlog_size) < TARGET_BYTES)); do
    r=$((r + 1))
    round_sql "$r" | bk_sql $NAME --max-allowed-packet=64M
    if ((r % 50 == 0)); then
      bk_log "round $r: $(($(binlog_size) / 1024 / 1024)) MiB"
    fi
  done
  # max_binlog_size may have closed it already; otherwise close it here (ends with Rotate)
  [[ -e $data/$NAME.000002 ]] || bk_sql $NAME -e "FLUSH BINARY LOGS"
  local size listed
  size=$(binlog_size)
  listed=$(bk_sql $NAME -N -B -e "SHOW BINARY LOGS" | awk -v f="$NAME.000001" '$1 == f { print $2 }')
  [[ $size == "$listed" ]] || bk_die "$NAME.000001 is $size bytes, the server lists $listed"
  bk_server_stop $NAME
  (($(od -An -tu1 -j21 -N1 "$data/$NAME.000001") & 1)) && bk_die "$NAME.000001 still has its in-use flag"
  mv -f "$data/$NAME.000001" "$OUT_FILE.tmp"
  mv -f "$OUT_FILE.tmp" "$OUT_FILE"
  chmod 0644 "$OUT_FILE"
  bk_log "done in $((SECONDS - started)) s: $OUT_FILE, $size bytes, $r rounds"
}

main
