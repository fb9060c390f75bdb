# Sourced by scripts that need a classic Notebook server of their own for a moment. Gives them a work
# folder ($work), and start_server NOTEBOOK_DIR PORT: the Notebook UI without a token on 127.0.0.1:PORT,
# back once it answers. On exit the server is stopped and $work removed.
work=$(mktemp -d)
server=
stop_server() {
  [[ -n $server ]] && kill -TERM "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap stop_server EXIT
start_server() {
  PORT=$2 NOTEBOOK_DIR=$1 bash "$(dirname "${BASH_SOURCE[0]}")/notebook.sh" --NotebookApp.token= --NotebookApp.password= \
    > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 60); do
    /usr/bin/python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$2/api/status')" 2> /dev/null && return
    sleep 0.5
  done
  echo "the Notebook server did not start; its log:" >&2
  cat "$work/server.log" >&2
  return 1
}
