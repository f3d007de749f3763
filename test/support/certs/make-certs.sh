#!/bin/sh
# Makes the test CA and a leaf for 127.0.0.1/localhost signed by it (test/integration/corporate.test.ts).
# Run once from this directory; the outputs are committed (valid for 100 years). Never trusted by
# anything but the tests that point SSL_CERT_FILE/SSL_CERT_DIR at ca.pem.
set -eu
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -sha256 -days 36500 -subj "/CN=gomirror test corporate CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
openssl ecparam -name prime256v1 -genkey -noout -out leaf.key
openssl req -new -key leaf.key -subj "/CN=gomirror test mirror" -out leaf.csr
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' > leaf.ext
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 36500 -sha256 -extfile leaf.ext -out leaf.pem
rm -f leaf.csr leaf.ext ca.srl ca.key
