import json

import yaml


def config(path):
    with open(path) as f:
        return yaml.safe_load(f)


def config_loader(path):
    with open(path) as f:
        return yaml.load(f, Loader=yaml.SafeLoader)


def restore(text):
    return json.loads(text)
