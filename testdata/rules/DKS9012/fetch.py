import requests


def fetch(url):
    # want: DKS9012
    return requests.get(url).json()


def post(url, body):
    # want: DKS9012
    return requests.post(url, json=body, timeout=None)
