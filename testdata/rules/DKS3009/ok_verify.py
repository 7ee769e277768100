import requests


def fetch(url, bundle):
    return requests.get(url, verify=bundle, timeout=5)
