#!/usr/bin/env bash
# Makes sure the servers the tests talk to are installed and running:
#   - Dovecot (Debian's dovecot-imapd): the tests start their own private instance
#     on a free 127.0.0.1 port; here it only has to be installed.
#   - PostgreSQL on 127.0.0.1:5432: the store tests run on it as well as on SQLite.
# The SMTP server the tests use is aiosmtpd, a Python package installed with the
# test extras and started by the tests themselves.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 2; fi
}

apt_updated=0
apt_install() {
  if [ $apt_updated -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
  echo "installing dovecot-imapd"
  apt_install dovecot-imapd
fi
# Debian starts a system Dovecot on 143/993 after install; the tests never use it.
if command -v systemctl >/dev/null && systemctl is-active --quiet dovecot 2>/dev/null; then
  as_root systemctl stop dovecot || true
fi

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up; then
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "installing postgresql"
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -n "$version" ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! pg_up; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432; the store tests need it" >&2
  exit 2
fi
# The tests create and drop their own databases; make sure the role can log in
# over TCP without a password on loopback (the default on this machine kind).
if [ -z "${MAILSYNC_TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null; then
  psql -h 127.0.0.1 -U postgres -d postgres -qtAc 'select 1' >/dev/null 2>&1 || {
    echo "cannot log in to PostgreSQL as postgres on 127.0.0.1; set MAILSYNC_TEST_POSTGRES_URL" >&2
    exit 2
  }
fi
echo "test services ready: dovecot $(dovecot --version 2>/dev/null | cut -d' ' -f1), postgresql on 127.0.0.1:5432"
