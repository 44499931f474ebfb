#!/usr/bin/env bash
# Makes a MariaDB ROW binlog holding ONE transaction of more than 512 MiB of row events, for the
# memory test (benchmarks/memory-test.sh). NOT committed; cached outside the repository.
#
# Usage: benchmarks/make-big-transaction.sh [OUT_FILE]   (default ~/.cache/binlogkit/big-txn.000001)
#
# A throwaway server (testdata/lib-server.sh: fresh datadir, unix socket only, stopped by the pid
# in its pid file) runs: BEGIN; INSERT ... SELECT of 560,000 rows of ~1 KiB; COMMIT. Unlimited
# max_binlog_cache_size (the default) lets the whole transaction go into one binlog file.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=testdata/lib-server.sh
source "$ROOT/testdata/lib-server.sh"
OUT_FILE=$(realpath -m -- "${1:-$HOME/.cache/binlogkit/big-txn.000001}")
case $OUT_FILE in "$ROOT"/*) bk_die "OUT_FILE $OUT_FILE is inside the repository" ;; esac
mkdir -p "$(dirname "$OUT_FILE")"
bk_init_tools
bk_init_workdir
bk_install_traps
NAME=big-txn
bk_server_start $NAME "log-bin = $NAME" "binlog_format = ROW" "binlog_row_image = FULL" \
  "max_binlog_size = 1G" "sync_binlog = 0" "innodb_flush_log_at_trx_commit = 0" \
  "innodb_buffer_pool_size = 1G" "innodb_log_file_size = 512M" "max_allowed_packet = 64M"
bk_sql $NAME <<'SQL'
CREATE DATABASE big;
USE big;
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, k BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL,
  at DATETIME(6) NOT NULL, payload VARCHAR(1000) NOT NULL) ENGINE=InnoDB;
BEGIN;
INSERT INTO t SELECT seq, seq * 7919, seq / 100, '2024-01-01' + INTERVAL seq SECOND,
  RPAD(MD5(seq), 1000, 'x') FROM seq_1_to_560000;
COMMIT;
FLUSH BINARY LOGS;
SQL
data=$(bk_dir $NAME)/data
bk_server_stop $NAME
mv -f "$data/$NAME.000001" "$OUT_FILE"
bk_log "done: $OUT_FILE, $(stat -c %s "$OUT_FILE") bytes"
