import ssl

import requests


def fetch(url):
    # want: DKS3009
    return requests.get(url, verify=False, timeout=5)


# want: DKS3009
CTX = ssl._create_unverified_context()
