import ssl

from OpenSSL import SSL

# want: DKS9008
ctx = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
# want: DKS9008
conn = SSL.Context(method=SSL.TLSv1_METHOD)


# want: DKS9008
def connect(version=ssl.PROTOCOL_TLSv1):
    return version
