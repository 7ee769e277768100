import logging

from flask import Flask

logging.basicConfig(level=logging.INFO)
app = Flask(__name__)


@app.route("/")
def index():
    logging.getLogger(__name__).info("index served")
    return "ok"
