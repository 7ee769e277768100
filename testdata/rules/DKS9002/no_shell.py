import os
import subprocess  # nosec B404


def convert(src, dst):
    # want: DKS9002
    subprocess.run(["/usr/bin/convert", src, dst], check=True)
    # want: DKS9002
    os.execv("/usr/bin/env", ["env"])
