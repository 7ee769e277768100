import os

# want: DKS9013
UPLOADS = "/tmp/uploads"


def scratch(name):
    # want: DKS9013
    with open("/var/tmp/" + name, "w") as f:
        f.write("x")
    return os.path.join(UPLOADS, name)
