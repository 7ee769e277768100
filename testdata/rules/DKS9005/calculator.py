from flask import Flask, request

app = Flask(__name__)


@app.route("/calculate")
def calculate():
    expr = request.args.get("expr", "0")
    # want: DKS9005 "request"
    return str(eval(expr))


def load_plugin(source):
    # want: DKS9005
    exec(source, {})
