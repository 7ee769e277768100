import os

from flask import Flask

app = Flask(__name__)


def describe():
    """Binds to 0.0.0.0 when BIND_HOST says so."""
    return "listening"


if __name__ == "__main__":
    app.run(host=os.environ.get("BIND_HOST", "127.0.0.1"), port=5000)
