from flask import Flask

# want: DKS9014
app = Flask(__name__)


@app.route("/")
def index():
    return "ok"
