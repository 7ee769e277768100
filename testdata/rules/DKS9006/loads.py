# want: DKS9006
import pickle

import yaml


def restore(blob):
    # want: DKS9006
    return pickle.loads(blob)


def config(path):
    with open(path) as f:
        # want: DKS9006
        return yaml.load(f)
