import socket

from flask import Flask

app = Flask(__name__)


def serve():
    s = socket.socket()
    # want: DKS6002
    s.bind(("0.0.0.0", 8080))


if __name__ == "__main__":
    # want: DKS6002
    app.run(host="0.0.0.0", port=5000)
