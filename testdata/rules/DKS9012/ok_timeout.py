import requests


def fetch(url):
    return requests.get(url, timeout=5).json()


def session_fetch(session, url):
    return session.get(url, timeout=(3.05, 27))
