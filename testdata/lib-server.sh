# shellcheck shell=bash
# Throwaway MariaDB servers for binlogkit test data. Sourced by make-binlogs.sh and
# make-big-binlog.sh; the caller runs under `set -euo pipefail`.
#
# Servers listen on a unix socket only (skip-networking), live under one temp work dir
# ($BK_WORK) and are stopped by the pid in their own pid file, never by process name.
#
#   bk_init_tools              locate mariadbd & friends (PATH, then /usr/sbin, /usr/bin)
#   bk_init_workdir            create $BK_WORK (mktemp under ${TMPDIR:-/tmp})
#   bk_make_template           bootstrap one system-table datadir, copied by bk_server_start
#   bk_server_start NAME [OPT...]  fresh datadir $BK_WORK/NAME/data copied from the template;
#                              OPTs are extra [mariadbd] lines of $BK_WORK/NAME/my.cnf
#   bk_server_restart NAME     start NAME again on its existing datadir and my.cnf
#   bk_server_stop NAME        SIGTERM to the pid in NAME's pid file, wait until it is gone
#   bk_sql NAME [ARGS...]      mariadb client connected to NAME (root over the unix socket)
#   bk_install_traps           stop our servers on any exit: EXIT runs bk_cleanup, and
#                              INT/TERM/HUP turn into an exit
#   bk_cleanup                 stop every server still running, remove $BK_WORK
#                              (kept when BK_KEEP_WORK=1, e.g. to read error logs)

BK_SERVERS=()          # names of servers started by this shell
BK_WORK=${BK_WORK:-}
BK_START_TIMEOUT=${BK_START_TIMEOUT:-60}   # seconds
BK_STOP_TIMEOUT=${BK_STOP_TIMEOUT:-120}    # seconds

bk_die() {
  echo "$(basename "$0"): error: $*" >&2
  exit 1
}

bk_log() {
  echo "[$(date +%H:%M:%S)] $*" >&2
}

# bk_find_tool NAME: print the path of NAME from PATH, /usr/sbin or /usr/bin.
bk_find_tool() {
  local p
  if p=$(command -v "$1" 2>/dev/null) && [[ -x $p ]]; then
    echo "$p"
    return 0
  fi
  for p in "/usr/sbin/$1" "/usr/bin/$1"; do
    if [[ -x $p ]]; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

bk_init_tools() {
  local missing=() t
  MARIADBD=$(bk_find_tool mariadbd) || missing+=(mariadbd)
  MARIADB=$(bk_find_tool mariadb) || missing+=(mariadb)
  MARIADB_ADMIN=$(bk_find_tool mariadb-admin) || missing+=(mariadb-admin)
  MARIADB_BINLOG=$(bk_find_tool mariadb-binlog) || missing+=(mariadb-binlog)
  MARIADB_INSTALL_DB=$(bk_find_tool mariadb-install-db) || missing+=(mariadb-install-db)
  if ((${#missing[@]})); then
    bk_die "${missing[*]} not found on PATH or in /usr/sbin, /usr/bin; install the Debian packages mariadb-server mariadb-client (apt-get install mariadb-server mariadb-client)"
  fi
  for t in MARIADBD MARIADB MARIADB_ADMIN MARIADB_BINLOG MARIADB_INSTALL_DB; do
    export "${t?}"
  done
}

bk_init_workdir() {
  if [[ -z $BK_WORK ]]; then
    BK_WORK=$(mktemp -d "${TMPDIR:-/tmp}/binlogkit-testdata.XXXXXXXX")
  fi
  mkdir -p "$BK_WORK"
}

# Options shared by every server: small, socket only, deterministic identity.
bk_common_options() {
  local dir=$1
  cat <<EOF
[mariadbd]
user                      = root
datadir                   = $dir/data
socket                    = $dir/mysqld.sock
pid-file                  = $dir/mysqld.pid
log-error                 = $dir/error.log
tmpdir                    = $dir/tmp
skip-networking
skip-name-resolve
performance_schema        = OFF
innodb_buffer_pool_size   = 32M
innodb_log_file_size      = 16M
loose-innodb_use_native_aio = 0
character-set-server      = utf8mb4
collation-server          = utf8mb4_general_ci
default-time-zone         = +00:00
server_id                 = 1
EOF
}

bk_make_template() {
  local dir=$BK_WORK/template
  [[ -d $dir/data/mysql ]] && return 0
  mkdir -p "$dir/tmp"
  bk_common_options "$dir" >"$dir/my.cnf"
  bk_log "bootstrapping template datadir"
  if ! "$MARIADB_INSTALL_DB" --defaults-file="$dir/my.cnf" --user=root --skip-test-db \
      --auth-root-authentication-method=socket >"$dir/install-db.log" 2>&1; then
    cat "$dir/install-db.log" >&2
    bk_die "mariadb-install-db failed (log above)"
  fi
}

bk_dir() { echo "$BK_WORK/$1"; }

# bk_server_start NAME [OPTION-LINE...]: new datadir (template copy), extra [mariadbd] lines.
bk_server_start() {
  local name=$1
  shift
  local dir
  dir=$(bk_dir "$name")
  [[ -e $dir/data ]] && bk_die "datadir $dir/data already exists"
  bk_make_template
  mkdir -p "$dir/tmp"
  cp -a "$BK_WORK/template/data" "$dir/data"
  {
    bk_common_options "$dir"
    local opt
    for opt in "$@"; do
      echo "$opt"
    done
  } >"$dir/my.cnf"
  bk_server_launch "$name"
}

bk_server_restart() {
  bk_server_launch "$1"
}

bk_server_launch() {
  local name=$1 dir pid i
  dir=$(bk_dir "$name")
  [[ -e $dir/mysqld.pid ]] && bk_die "pid file $dir/mysqld.pid exists: is $name already running?"
  BK_SERVERS+=("$name")
  # setsid: own session, so a terminal ^C reaches this script (whose trap stops the server)
  # rather than the server directly.
  setsid "$MARIADBD" --defaults-file="$dir/my.cnf" >>"$dir/stdout.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/launch.pid"
  for ((i = 0; i < BK_START_TIMEOUT * 10; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$dir/error.log" >&2 || true
      bk_die "mariadbd for '$name' exited during startup (error log above: $dir/error.log)"
    fi
    if [[ -S $dir/mysqld.sock && -s $dir/mysqld.pid ]] &&
        "$MARIADB_ADMIN" --no-defaults --socket="$dir/mysqld.sock" -u root ping >/dev/null 2>&1; then
      [[ $(cat "$dir/mysqld.pid") == "$pid" ]] ||
        bk_die "pid file of '$name' holds $(cat "$dir/mysqld.pid"), expected $pid"
      return 0
    fi
    sleep 0.1
  done
  bk_die "mariadbd for '$name' not ready after ${BK_START_TIMEOUT}s (see $dir/error.log)"
}

bk_server_running() {
  local dir
  dir=$(bk_dir "$1")
  [[ -s $dir/launch.pid ]] && kill -0 "$(cat "$dir/launch.pid")" 2>/dev/null
}

# bk_server_stop NAME: SIGTERM to the pid in the pid file; wait for a clean exit.
bk_server_stop() {
  local name=$1 dir pid i
  dir=$(bk_dir "$name")
  if [[ -s $dir/mysqld.pid ]]; then
    pid=$(cat "$dir/mysqld.pid")
  elif [[ -s $dir/launch.pid ]] && kill -0 "$(cat "$dir/launch.pid")" 2>/dev/null; then
    pid=$(cat "$dir/launch.pid")   # died or hung before writing its pid file
  else
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < BK_STOP_TIMEOUT * 20; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      rm -f "$dir/launch.pid"
      return 0
    fi
    sleep 0.05
  done
  echo "$(basename "$0"): warning: mariadbd $pid ('$name') ignored SIGTERM for ${BK_STOP_TIMEOUT}s, sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/launch.pid"
  return 1
}

bk_sql() {
  local name=$1
  shift
  "$MARIADB" --no-defaults --socket="$(bk_dir "$name")/mysqld.sock" -u root "$@"
}

bk_cleanup() {
  local rc=$? name
  set +e
  for name in "${BK_SERVERS[@]}"; do
    bk_server_stop "$name"
  done
  if [[ -n $BK_WORK && -d $BK_WORK ]]; then
    if [[ ${BK_KEEP_WORK:-0} == 1 ]]; then
      echo "$(basename "$0"): work dir kept: $BK_WORK" >&2
    else
      rm -rf "$BK_WORK"
    fi
  fi
  return "$rc"
}

bk_install_traps() {
  trap bk_cleanup EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
