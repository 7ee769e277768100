import os
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    ip = request.args.get("ip", "127.0.0.1")
    # want: DKS9001 "request data"
    return subprocess.check_output(f"ping -c 1 {ip}", shell=True)


def backup(target):
    # want: DKS9001
    os.system("tar czf /backup/data.tgz " + target)
    # want: DKS9001
    with os.popen("df -h") as out:
        return out.read()


def run_hook(cmd):
    # want: DKS9001
    subprocess.Popen(
        cmd,
        shell=True,
        stdout=subprocess.PIPE,
    )
