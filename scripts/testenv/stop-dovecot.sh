#!/usr/bin/env bash
# Stops the instance that start-dovecot.sh started under ROOT. WIPE=1 also removes ROOT.
#   stop-dovecot.sh ROOT
set -euo pipefail
root=${1:?usage: stop-dovecot.sh ROOT}
pid_file="$root/dovecot/run/master.pid"

# The daemonized master is not our child, so once dead it may linger as a zombie until init
# reaps it: "kill -0" would still succeed, so look at the process state instead.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }

if [ -s "$pid_file" ]; then
  pid=$(cat "$pid_file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do alive "$pid" || break; sleep 0.02; done
  if alive "$pid"; then
    # Still shutting down after 3 s: take the master and its children down hard.
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
fi
if [ "${WIPE:-0}" = 1 ]; then rm -rf "$root"; fi
exit 0
