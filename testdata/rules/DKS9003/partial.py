import os
import subprocess  # nosec B404


def archive(path):
    # want: DKS9003
    subprocess.run(["tar", "czf", "/tmp/out.tgz", path], check=True)  # nosec B108 B603
    # want: DKS9003
    os.spawnlp(os.P_WAIT, "ls", "ls", "-l")
