"""An intentionally insecure Flask service with every code problem of the
project's threat model, for dockstride's tests and documentation. Never
deploy it: ../flask-hardened is its fixed twin.
"""
import subprocess

from flask import Flask, request

app = Flask(__name__)

PASSWORD = "Sup3rS3cr3t!"


@app.route("/login", methods=["POST"])
def login():
    if request.form.get("password") == PASSWORD:
        return "welcome\n"
    return "denied\n", 403


@app.route("/ping")
def ping():
    ip = request.args.get("ip", "127.0.0.1")
    return subprocess.check_output(f"ping -c 1 {ip}", shell=True)


@app.route("/calculate")
def calculate():
    expr = request.args.get("expr", "0")
    return str(eval(expr))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
