import ssl

ctx = ssl.create_default_context()
ctx.minimum_version = ssl.TLSVersion.TLSv1_2
server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
