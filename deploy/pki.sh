#!/usr/bin/env bash
# The cluster's certificates for mutual TLS, made with openssl.
#
#   deploy/pki.sh init DIR                          a CA for the cluster (DIR/ca.crt, DIR/ca.key) and an empty
#                                                   revocation list (DIR/revoked.txt); keeps what is already there
#   deploy/pki.sh issue DIR silo NAME               a silo's certificate (server and client), DIR/NAME.{crt,key}
#   deploy/pki.sh issue DIR console NAME            the console's
#   deploy/pki.sh issue DIR admin NAME              an administrator's hallctl
#   deploy/pki.sh issue DIR device NAME HALL KIND   one device of one hall (KIND: Kiosk, EntranceSensor, Camera,
#                                                   IdCardReader, Handheld, ...), DIR/HALL.NAME.{crt,key}
#   deploy/pki.sh revoke DIR FILE.crt               adds the certificate's serial to DIR/revoked.txt; silos read
#                                                   the list again on their next handshake
#   deploy/pki.sh list DIR                          every certificate in DIR: subject, serial, expiry, revoked
#
# Options (before DIR): --days N validity of an issued certificate (default 397).
# The subject carries the identity the silos check: OU the role, CN the name, and for a device L its hall and
# title its kind. Private keys are written mode 600.
set -euo pipefail

days=397
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --days) days="${2:?--days needs a number}"; shift 2 ;;
    *) echo "pki.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 2 ]] || usage
command="$1"
dir="$2"
shift 2
[[ "$days" =~ ^[0-9]+$ && "$days" -ge 1 ]] || { echo "pki.sh: --days '$days' is not a positive number" >&2; exit 2; }

valid_name() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || { echo "pki.sh: '$1' is not a valid $2 (letters, digits, . _ -)" >&2; exit 2; }; }

case "$command" in
  init)
    mkdir -p "$dir"
    if [[ -f "$dir/ca.crt" && -f "$dir/ca.key" ]]; then
      echo "pki.sh: CA already in $dir"
    else
      (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key")
      openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -subj "/O=OrleansHall/CN=OrleansHall cluster CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$dir/ca.crt" 2>/dev/null
      echo "pki.sh: made a CA in $dir (ca.crt; keep ca.key offline in production)"
    fi
    touch "$dir/revoked.txt"
    ;;

  issue)
    [[ -f "$dir/ca.crt" && -f "$dir/ca.key" ]] || { echo "pki.sh: no CA in $dir: run 'deploy/pki.sh init $dir' first" >&2; exit 1; }
    role="${1:?issue needs a role: silo, console, admin or device}"
    name="${2:?issue needs a name}"
    valid_name "$name" name
    case "$role" in
      silo) subject="/O=OrleansHall/OU=silo/CN=$name"; usage="serverAuth,clientAuth"; file="$name" ;;
      console|admin) subject="/O=OrleansHall/OU=$role/CN=$name"; usage="clientAuth"; file="$name" ;;
      device)
        hall="${3:?a device certificate needs its hall}"
        kind="${4:?a device certificate needs its kind, e.g. Kiosk}"
        valid_name "$hall" "hall id"
        valid_name "$kind" "device kind"
        subject="/O=OrleansHall/OU=device/L=$hall/title=$kind/CN=$name"; usage="clientAuth"; file="$hall.$name" ;;
      *) echo "pki.sh: role '$role' is not one of silo, console, admin, device" >&2; exit 2 ;;
    esac
    (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$file.key")
    openssl req -new -key "$dir/$file.key" -subj "$subject" -out "$dir/$file.csr" 2>/dev/null
    extensions="$(mktemp)"
    trap 'rm -f "$extensions"' EXIT
    {
      echo "basicConstraints=critical,CA:FALSE"
      echo "keyUsage=critical,digitalSignature"
      echo "extendedKeyUsage=$usage"
      [[ "$role" != silo ]] || echo "subjectAltName=DNS:localhost,IP:127.0.0.1"
    } >"$extensions"
    openssl x509 -req -in "$dir/$file.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -sha256 -days "$days" \
      -set_serial "0x$(openssl rand -hex 16)" -extfile "$extensions" -out "$dir/$file.crt" 2>/dev/null
    rm -f "$dir/$file.csr"
    echo "pki.sh: issued $dir/$file.crt ($subject, $days days)"
    ;;

  revoke)
    certificate="${1:?revoke needs a certificate file}"
    [[ -f "$certificate" ]] || { echo "pki.sh: '$certificate' does not exist" >&2; exit 1; }
    serial="$(openssl x509 -in "$certificate" -noout -serial | cut -d= -f2)"
    subject="$(openssl x509 -in "$certificate" -noout -subject | sed 's/^subject=//')"
    if grep -qi "^$serial\b" "$dir/revoked.txt" 2>/dev/null; then
      echo "pki.sh: $serial already revoked"
    else
      echo "$serial # $subject, revoked $(date -u +%Y-%m-%dT%H:%MZ)" >>"$dir/revoked.txt"
      echo "pki.sh: revoked $serial ($subject)"
    fi
    ;;

  list)
    for certificate in "$dir"/*.crt; do
      [[ -f "$certificate" ]] || continue
      serial="$(openssl x509 -in "$certificate" -noout -serial | cut -d= -f2)"
      state="valid"
      grep -qi "^$serial\b" "$dir/revoked.txt" 2>/dev/null && state="REVOKED"
      openssl x509 -checkend 0 -noout -in "$certificate" >/dev/null || state="EXPIRED"
      printf '%-28s %-8s %s  until %s\n' "$(basename "$certificate")" "$state" \
        "$(openssl x509 -in "$certificate" -noout -subject | sed 's/^subject=//')" "$(openssl x509 -in "$certificate" -noout -enddate | cut -d= -f2)"
    done
    ;;

  *) usage ;;
esac
