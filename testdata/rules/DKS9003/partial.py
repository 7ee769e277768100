import os
import subprocess  # nosec B404


def archive(path):
    # want: DKS9003
    subprocess.run(["tar", "czf", "/tmp/out.tgz", path], check=True)  # nosec B108 B603
    # want: DKS9003
    subprocess.Popen("ls -l", shell=True)  # nosec B602
