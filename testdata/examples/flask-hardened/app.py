"""The hardened twin of ../flask-insecure: the same service, every code
problem of the threat model fixed. The password comes from the
environment, the address to ping is validated and passed as one argument
with no shell, expressions are read as literals, the service listens on
loopback unless its deployment says otherwise, and requests are logged.
"""
import ast
import hmac
import ipaddress
import logging
import os
import subprocess  # dockstride ignore=B404 -- ping runs with a fixed argv and a validated address

from flask import Flask, abort, request

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
log = logging.getLogger("service")

app = Flask(__name__)

PASSWORD = os.environ["APP_PASSWORD"]


@app.route("/healthz")
def healthz():
    return "ok\n"


@app.route("/login", methods=["POST"])
def login():
    given = request.form.get("password", "")
    if hmac.compare_digest(given.encode(), PASSWORD.encode()):
        log.info("login succeeded from %s", request.remote_addr)
        return "welcome\n"
    log.warning("login failed from %s", request.remote_addr)
    return "denied\n", 403


@app.route("/ping")
def ping():
    try:
        ip = ipaddress.ip_address(request.args.get("ip", "127.0.0.1"))
    except ValueError:
        abort(400)
    log.info("ping %s requested by %s", ip, request.remote_addr)
    done = subprocess.run(  # dockstride ignore=B603 -- fixed program, validated address, no shell
        ["/bin/ping", "-c", "1", str(ip)], shell=False, capture_output=True, timeout=5, check=False
    )
    return done.stdout


@app.route("/calculate")
def calculate():
    try:
        value = ast.literal_eval(request.args.get("expr", "0"))
    except (ValueError, SyntaxError):
        abort(400)
    return str(value)


if __name__ == "__main__":
    app.run(host=os.environ.get("BIND_HOST", "127.0.0.1"), port=5000)
