#!/usr/bin/env bash
# Replay speed of `pitr restore` (archived binlogs applied by the target's own replication SQL
# thread) against the official pipe `mariadb-binlog --start-position=P FILES | mariadb`, for the same
# range of binlogs, into the same target server with the same settings, on two workload shapes
# (never part of CI).
#
# Usage: benchmarks/pitr-replay.sh
# Environment:
#   N=3                       rounds; in each round every engine replays every workload once,
#                             interleaved (the engine that goes first alternates from round to round)
#   BINLOGKIT_BENCH_DIR=DIR   work directory, outside the repository (default /tmp/binlogkit-pitr-bench);
#                             made afresh: a directory left by an earlier run (marker file
#                             .binlogkit-pitr-bench) has its servers stopped and is deleted, any other
#                             non-empty directory is refused
#   OLTP_TX=100000            OLTP workload: single-row autocommit transactions over 3 tables
#                             (30 % account INSERTs, 30 % order INSERTs, 10 % event INSERTs,
#                             30 % single-row UPDATEs)
#   BULK_ROWS=500000          bulk workload: rows changed in all; 3/5 by 1000-row INSERTs, 1/5 by
#                             10,000-row INSERT ... SELECTs, 1/5 by 10,000-row UPDATEs
#   PIPE_NOBINLOG=1           also time the pipe with `mariadb-binlog --disable-log-bin` (the target
#                             then writes no binlog of its own, as its SQL thread does not either:
#                             log_slave_updates is off); 0 leaves that engine out
#
# What it does: a sandbox (bin/sandbox) with two servers, `master` (binlog_format=ROW) and `target`
# (server-id 2), both with the sandbox's defaults. On the master: the schema, `pitr backup` (B1),
# the OLTP workload, `pitr backup` (B2), the bulk workload, FLUSH BINARY LOGS, `pitr archive` into
# DIR/archive; the master is then stopped. The OLTP range is B1's position -> the end of the OLTP
# workload, the bulk range B2's position -> the end of the bulk workload. For every workload and
# round, each engine starts from the backup's data freshly restored into the target (and the target
# freshly started):
#   pipe           `pitr restore --until-position <backup position>` (restores the data, replays
#                  nothing), then the wall time of ONLY
#                  `mariadb-binlog --no-defaults --start-position=P [--stop-position=E] FILES | mariadb`
#   pipe -D        the same with `mariadb-binlog --disable-log-bin` (PIPE_NOBINLOG=1)
#   pitr restore   `pitr restore --force --until-position <end of the workload>`; the time is the
#                  replay time R it prints ("N transactions replayed in R ms"): relay log placement,
#                  one restart of the target, the SQL thread; not the data restore, not the JVM start
# Each round also times pitr's fixed cost: `pitr restore --until-gtid` of the OLTP range's first
# transaction only (its R: relay placement, the restart, starting and stopping the SQL thread).
# After every run, CHECKSUM TABLE of the workload's tables on the target must equal the master's
# (exit 1 otherwise), and the target's innodb_flush_log_at_trx_commit / sync_binlog / log_bin /
# log_slave_updates / buffer pool just before the run must be the same for every run.
#
# Prints (stdout) the machine, the server settings, and one table per workload: engine, the runs,
# best, median, and the ratio "pipe seconds / engine seconds" (best and median; > 1: faster than
# the pipe). Progress goes to stderr. Every server it started is stopped at the end (by pid file,
# `bin/sandbox stop`), whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bin/jdk.sh"
export PATH="/usr/sbin:$PATH"
N=${N:-3}
OLTP_TX=${OLTP_TX:-100000}
BULK_ROWS=${BULK_ROWS:-500000}
PIPE_NOBINLOG=${PIPE_NOBINLOG:-1}
WORK=${BINLOGKIT_BENCH_DIR:-/tmp/binlogkit-pitr-bench}
SANDBOX="$ROOT/bin/sandbox"
PITR="$ROOT/bin/pitr"
MARKER=.binlogkit-pitr-bench

say() { echo "pitr-replay.sh: $*" >&2; }
die() { echo "pitr-replay.sh: error: $1" >&2; exit "${2:-1}"; }

for tool in mariadb-binlog mariadb mariadbd mariabackup; do
  command -v "$tool" > /dev/null || die "$tool is not installed (Debian packages mariadb-server, mariadb-client, mariadb-backup)" 3
done
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$N'" 2
((OLTP_TX >= 100)) || die "OLTP_TX must be at least 100" 2
((BULK_ROWS >= 50000)) || die "BULK_ROWS must be at least 50000" 2

# The work directory: outside the repository, ours or empty.
WORK=$(readlink -m "$WORK")
case "$WORK/" in "$ROOT"/*) die "the work directory $WORK is inside the repository; choose another BINLOGKIT_BENCH_DIR" 2 ;; esac
mkdir -p "$WORK"
if [[ -f $WORK/$MARKER ]]; then
  [[ -f $WORK/sandbox.properties ]] && "$SANDBOX" stop --dir "$WORK" > /dev/null 2>&1 || true
  find "$WORK" -mindepth 1 -delete
elif [[ -n $(ls -A "$WORK") ]]; then
  die "$WORK is not empty and was not made by this script; choose another BINLOGKIT_BENCH_DIR" 2
fi
touch "$WORK/$MARKER"

cleanup() {
  local rc=$?
  if [[ -f $WORK/sandbox.properties ]]; then
    "$SANDBOX" stop --dir "$WORK" > /dev/null 2>&1 || echo "pitr-replay.sh: could not stop the servers of $WORK (bin/sandbox stop --dir $WORK)" >&2
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building the cli if needed..."
"$PITR" --help > /dev/null
"$SANDBOX" --help > /dev/null

# --- the sandbox --------------------------------------------------------------------------------
say "sandbox in $WORK"
"$SANDBOX" setup --dir "$WORK" --port-base 0 > /dev/null
"$SANDBOX" add --dir "$WORK" name=master roles=master binlog_format=ROW > /dev/null
"$SANDBOX" add --dir "$WORK" name=target roles=slave > /dev/null
"$SANDBOX" start --dir "$WORK" >&2
MASTER=(mariadb --defaults-file="$WORK/master.cnf" --batch --skip-column-names)
TARGET=(mariadb --defaults-file="$WORK/target.cnf" --batch --skip-column-names)

SETTINGS_SQL="SELECT CONCAT_WS(' ', CONCAT('innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit),
  CONCAT('sync_binlog=', @@sync_binlog), CONCAT('log_bin=', @@log_bin), CONCAT('log_slave_updates=', @@log_slave_updates),
  CONCAT('binlog_format=', @@binlog_format), CONCAT('innodb_buffer_pool_size=', @@innodb_buffer_pool_size),
  CONCAT('innodb_log_file_size=', @@innodb_log_file_size), CONCAT('slave_parallel_threads=', @@slave_parallel_threads),
  CONCAT('binlog_annotate_row_events=', @@binlog_annotate_row_events), CONCAT('server_id=', @@server_id))"

# --- the workloads ------------------------------------------------------------------------------
OLTP_TABLES="bench.oltp_accounts, bench.oltp_orders, bench.oltp_events"
BULK_TABLES="bench.bulk_items, bench.bulk_copy"
"${MASTER[@]}" <<'SQL'
CREATE DATABASE bench;
CREATE TABLE bench.oltp_accounts (id INT PRIMARY KEY, owner VARCHAR(32) NOT NULL, balance BIGINT NOT NULL,
  updates INT NOT NULL DEFAULT 0) ENGINE=InnoDB;
CREATE TABLE bench.oltp_orders (id INT PRIMARY KEY, account INT NOT NULL, amount DECIMAL(10,2) NOT NULL,
  status VARCHAR(16) NOT NULL, note VARCHAR(64), KEY (account)) ENGINE=InnoDB;
CREATE TABLE bench.oltp_events (id INT PRIMARY KEY, kind TINYINT NOT NULL, payload VARCHAR(100) NOT NULL) ENGINE=InnoDB;
CREATE TABLE bench.bulk_items (id INT PRIMARY KEY, grp INT NOT NULL, qty INT NOT NULL, price DECIMAL(10,2) NOT NULL,
  label VARCHAR(40) NOT NULL, KEY (grp)) ENGINE=InnoDB;
CREATE TABLE bench.bulk_copy LIKE bench.bulk_items;
SQL

# The OLTP workload: one single-row autocommit statement per transaction, every one changes exactly
# one row (so OLTP_TX statements are OLTP_TX transactions).
oltp_sql() {
  awk -v n="$OLTP_TX" 'BEGIN {
    for (i = 1; i <= n; i++) {
      r = i % 10
      if (i <= 20 && r >= 6) r = 9   # no UPDATE before there is something to update
      if (r <= 2) {
        printf "INSERT INTO oltp_accounts VALUES (%d,%cowner-%d%c,%d,0);\n", i, 39, i, 39, (i * 13) % 100000
      } else if (r <= 5) {
        printf "INSERT INTO oltp_orders VALUES (%d,%d,%d.%02d,%cnew%c,%corder %d for account %d%c);\n", i, (i * 7) % 5000, i % 1000, i % 100, 39, 39, 39, i, (i * 7) % 5000, 39
      } else if (r <= 7) {
        # an account inserted earlier: a multiple of 10 from 10 to i - 6
        printf "UPDATE oltp_accounts SET balance = balance + %d, updates = updates + 1 WHERE id = %d;\n", (i % 97) - 40, ((i * 31) % int(i / 10) + 1) * 10
      } else if (r == 8) {
        printf "UPDATE oltp_orders SET status = %cpaid%c WHERE id = %d;\n", 39, 39, i - 5
      } else {
        printf "INSERT INTO oltp_events VALUES (%d,%d,%cevent %d: something happened to order %d%c);\n", i, i % 7, 39, i, i - 6, 39
      }
    }
  }'
}

# The bulk workload: 1000-row INSERTs (3/5 of the rows), then INSERT ... SELECT (1/5) and UPDATE (1/5)
# in 10,000-row statements.
bulk_sql() {
  awk -v n="$BULK_ROWS" 'BEGIN {
    ins = int(n * 3 / 5); chunk = 1000; big = 10000; other = int(n / 5)
    for (s = 1; s <= ins; s += chunk) {
      printf "INSERT INTO bulk_items VALUES "
      for (i = s; i < s + chunk && i <= ins; i++) {
        printf "%s(%d,%d,%d,%d.%02d,%citem %d of group %d%c)", (i == s ? "" : ","), i, i % 500, (i * 17) % 1000, (i * 3) % 10000, i % 100, 39, i, i % 500, 39
      }
      printf ";\n"
    }
    for (s = 1; s <= other; s += big) {
      e = s + big - 1; if (e > other) e = other
      printf "INSERT INTO bulk_copy SELECT id, grp, qty * 2, price, label FROM bulk_items WHERE id BETWEEN %d AND %d;\n", s, e
    }
    for (s = 1; s <= other; s += big) {
      e = s + big - 1; if (e > other) e = other
      printf "UPDATE bulk_items SET qty = qty + 1, price = price + 1.25 WHERE id BETWEEN %d AND %d;\n", ins - e + 1, ins - s + 1
    }
  }'
}

master_pos() { "${MASTER[@]}" -e 'SHOW MASTER STATUS' | awk '{ print $1 ":" $2 }'; }
master_gtid() { "${MASTER[@]}" -e 'SELECT @@gtid_binlog_pos'; }
checksums() { # SERVER_CMD_ARRAY_NAME TABLES -> "table checksum; ..." on one line
  local -n cmd=$1
  "${cmd[@]}" -e "CHECKSUM TABLE $2" | awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $1, $2 }'
}
seq_of() { awk -F- '{ print $NF }' <<< "$1"; } # the sequence number of a one-domain GTID position

backup() { # NAME -> sets BACKUP_POS (file:pos)
  local line
  line=$("$PITR" backup --sandbox master --dir "$WORK" --to "$WORK/backup-$1")
  say "$line"
  BACKUP_POS=$(sed -n 's/.* at \([^ ,]*:[0-9]*\), GTID.*/\1/p' <<< "$line")
  [[ -n $BACKUP_POS ]] || die "cannot read the position from: $line" 70
}

declare -A START END GTID0 GTID1 CK TABLES TX BYTES FILES
TABLES[oltp]=$OLTP_TABLES
TABLES[bulk]=$BULK_TABLES

t0=$(date +%s)
backup oltp
START[oltp]=$BACKUP_POS GTID0[oltp]=$(master_gtid)
say "OLTP workload: $OLTP_TX single-row transactions..."
oltp_sql | "${MASTER[@]}" bench
END[oltp]=$(master_pos) GTID1[oltp]=$(master_gtid)
CK[oltp]=$(checksums MASTER "$OLTP_TABLES")

backup bulk
START[bulk]=$BACKUP_POS GTID0[bulk]=$(master_gtid)
say "bulk workload: $BULK_ROWS rows..."
bulk_sql | "${MASTER[@]}" bench
END[bulk]=$(master_pos) GTID1[bulk]=$(master_gtid)
CK[bulk]=$(checksums MASTER "$BULK_TABLES")
"${MASTER[@]}" -e 'FLUSH BINARY LOGS'
MASTER_SETTINGS=$("${MASTER[@]}" -e "$SETTINGS_SQL")
"$PITR" archive --sandbox master --dir "$WORK" --to "$WORK/archive" > /dev/null
"$SANDBOX" stop --dir "$WORK" master >&2 # nothing but the target runs while measuring
say "workloads and archive ready in $(($(date +%s) - t0)) s"

# The archived files of a range, in order, and its size in bytes.
for w in oltp bulk; do
  sf=${START[$w]%:*} sp=${START[$w]##*:} ef=${END[$w]%:*} ep=${END[$w]##*:}
  files=() bytes=0 on=0
  while read -r f; do
    f=$(basename "$f")
    [[ $f == "$sf" ]] && on=1
    if ((on)); then
      files+=("$WORK/archive/$f")
      from=0 to=$(stat -c %s "$WORK/archive/$f")
      [[ $f == "$sf" ]] && from=$sp
      [[ $f == "$ef" ]] && to=$ep
      bytes=$((bytes + to - from))
    fi
    [[ $f == "$ef" ]] && break
  done < "$WORK/archive/master-bin.index"
  ((${#files[@]} > 0)) || die "no archived files for the $w range ${START[$w]} -> ${END[$w]}" 70
  FILES[$w]="${files[*]}"
  BYTES[$w]=$bytes
  TX[$w]=$(($(seq_of "${GTID1[$w]}") - $(seq_of "${GTID0[$w]}")))
  say "$w range: ${START[$w]} -> ${END[$w]}, $bytes bytes, ${TX[$w]} transactions (GTID ${GTID0[$w]} -> ${GTID1[$w]}), ${#files[@]} file(s)"
done

# --- the runs -------------------------------------------------------------------------------------
ENGINES=(pipe)
((PIPE_NOBINLOG)) && ENGINES+=("pipe -D")
ENGINES+=("pitr restore")
declare -A RUNS
SETTINGS_SEEN=""

settings_check() { # the target's settings just before a run: the same for every run
  local s
  s=$("${TARGET[@]}" -e "$SETTINGS_SQL")
  if [[ -z $SETTINGS_SEEN ]]; then
    SETTINGS_SEEN=$s
  elif [[ $s != "$SETTINGS_SEEN" ]]; then
    die "the target's settings changed between runs: '$SETTINGS_SEEN' then '$s'"
  fi
}

verify() { # WORKLOAD ENGINE
  local got
  got=$(checksums TARGET "${TABLES[$1]}")
  if [[ $got != "${CK[$1]}" ]]; then
    die "$1, $2: the target's checksums differ from the master's: target '$got', master '${CK[$1]}'"
  fi
}

restore_data_only() { # WORKLOAD: the backup's data into the target, nothing replayed
  "$PITR" restore --force --backup "$WORK/backup-$1" --binlogs "$WORK/archive" --sandbox target --dir "$WORK" \
    --until-position "${START[$1]}" > "$WORK/restore.out" 2> "$WORK/restore.err" \
    || { cat "$WORK/restore.out" "$WORK/restore.err" >&2; die "pitr restore of the $1 backup (data only) failed"; }
  grep -q ' 0 transactions replayed' "$WORK/restore.out" || { cat "$WORK/restore.out" >&2; die "the data-only restore replayed something"; }
}

run_pipe() { # WORKLOAD [mariadb-binlog option...] -> sets SECS
  local w=$1 t0 t1 files
  shift
  restore_data_only "$w"
  settings_check
  read -r -a files <<< "${FILES[$w]}"
  t0=$(date +%s.%N)
  mariadb-binlog --no-defaults "$@" --start-position="${START[$w]##*:}" --stop-position="${END[$w]##*:}" "${files[@]}" \
    | mariadb --defaults-file="$WORK/target.cnf"
  t1=$(date +%s.%N)
  SECS=$(echo "scale=3; ($t1 - $t0) / 1" | bc)
}

run_pitr() { # WORKLOAD -> sets SECS
  local w=$1 ms
  settings_check # pitr restore then replaces the datadir with the backup's data itself
  "$PITR" restore --force --backup "$WORK/backup-$w" --binlogs "$WORK/archive" --sandbox target --dir "$WORK" \
    --until-position "${END[$w]}" > "$WORK/restore.out" 2> "$WORK/restore.err" \
    || { cat "$WORK/restore.out" "$WORK/restore.err" >&2; die "pitr restore of the $w range failed"; }
  ms=$(sed -n 's/.* \([0-9][0-9]*\) transactions replayed in \([0-9][0-9]*\) ms.*/\1 \2/p' "$WORK/restore.out")
  [[ -n $ms ]] || { cat "$WORK/restore.out" >&2; die "cannot read the replay time of pitr restore"; }
  [[ ${ms% *} == "${TX[$w]}" ]] || die "pitr restore replayed ${ms% *} transactions, the $w range has ${TX[$w]}"
  SECS=$(echo "scale=3; ${ms#* } / 1000" | bc)
}

run_pitr_one() { # the OLTP backup and its first transaction only (--until-gtid): pitr's fixed cost -> SECS
  local ms gtid
  gtid=${GTID0[oltp]%-*}-$(($(seq_of "${GTID0[oltp]}") + 1))
  "$PITR" restore --force --backup "$WORK/backup-oltp" --binlogs "$WORK/archive" --sandbox target --dir "$WORK" \
    --until-gtid "$gtid" > "$WORK/restore.out" 2> "$WORK/restore.err" \
    || { cat "$WORK/restore.out" "$WORK/restore.err" >&2; die "pitr restore --until-gtid $gtid failed"; }
  ms=$(sed -n 's/.* 1 transactions replayed in \([0-9][0-9]*\) ms.*/\1/p' "$WORK/restore.out")
  [[ -n $ms ]] || { cat "$WORK/restore.out" >&2; die "cannot read the replay time of the one-transaction restore"; }
  SECS=$(echo "scale=3; $ms / 1000" | bc)
}

say "measuring: $N round(s), engines: ${ENGINES[*]}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= N; round++)); do
  order=("${ENGINES[@]}")
  if ((round % 2 == 0)); then # alternate who goes first
    order=()
    for ((k = ${#ENGINES[@]} - 1; k >= 0; k--)); do order+=("${ENGINES[$k]}"); done
  fi
  run_pitr_one
  RUNS[one]="${RUNS[one]:-}${RUNS[one]:+ }$SECS"
  say "round $round, pitr restore of one transaction: $SECS s"
  for w in oltp bulk; do
    for e in "${order[@]}"; do
      case $e in
        pipe) run_pipe "$w" ;;
        "pipe -D") run_pipe "$w" --disable-log-bin ;;
        "pitr restore") run_pitr "$w" ;;
      esac
      verify "$w" "$e"
      RUNS["$w/$e"]="${RUNS["$w/$e"]:-}${RUNS["$w/$e"]:+ }$SECS"
      say "round $round, $w, $e: $SECS s, checksums equal the master's (load $(cut -d' ' -f1 /proc/loadavg))"
    done
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

"$SANDBOX" stop --dir "$WORK" > /dev/null

# --- the report -----------------------------------------------------------------------------------
best() { tr ' ' '\n' <<< "$1" | sort -g | head -n 1; }
median() { tr ' ' '\n' <<< "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { printf '%.2f' "$1"; }

echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
  "Linux $(uname -r); $(mariadbd --version | sed 's/^.*Ver /mariadbd /'); $("$JAVA" -version 2>&1 | head -n 1)"
echo "load average: $LOAD_START at the start of the runs, $LOAD_END at the end"
echo "target settings before every run: $SETTINGS_SEEN"
echo "master settings: $MASTER_SETTINGS"
echo "pitr restore sets innodb_flush_log_at_trx_commit=2 and sync_binlog=0 for the replay and puts the values above back"
echo "pitr restore's fixed cost, a one-transaction range (the OLTP backup, --until-gtid): R = $(for x in ${RUNS[one]}; do fmt "$x"; echo -n ' '; done)s"
for w in oltp bulk; do
  case $w in
    oltp) what="OLTP: $OLTP_TX single-row autocommit transactions (INSERTs + UPDATEs, 3 tables)" ;;
    bulk) what="bulk: $BULK_ROWS rows by 1000-row INSERTs, 10,000-row INSERT ... SELECTs and UPDATEs" ;;
  esac
  echo
  echo "$what; range ${START[$w]} -> ${END[$w]}: ${BYTES[$w]} bytes, ${TX[$w]} transactions; $N round(s)"
  echo "| engine | runs (s) | best (s) | median (s) | pipe / engine (best, median) |"
  echo "|---|---|---:|---:|---|"
  pb=$(best "${RUNS["$w/pipe"]}") pm=$(median "${RUNS["$w/pipe"]}")
  for e in "${ENGINES[@]}"; do
    r=${RUNS["$w/$e"]}
    b=$(best "$r") m=$(median "$r")
    runs=$(for x in $r; do fmt "$x"; echo -n ' '; done)
    echo "| $e | ${runs% } | $(fmt "$b") | $(fmt "$m") | $(fmt "$(echo "$pb / $b" | bc -l)")x, $(fmt "$(echo "$pm / $m" | bc -l)")x |"
  done
done
echo
echo "every run: CHECKSUM TABLE of the workload's tables on the target equal to the master's"
