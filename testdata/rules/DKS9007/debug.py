import os

from flask import Flask

app = Flask(__name__)
# want: DKS9007
app.debug = True
# want: DKS9007
os.environ["FLASK_DEBUG"] = "1"

if __name__ == "__main__":
    # want: DKS9007
    app.run(host="127.0.0.1", debug=True)
