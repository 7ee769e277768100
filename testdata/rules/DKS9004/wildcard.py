import os
import subprocess  # nosec B404


def fix_permissions():
    # want: DKS9004
    os.system("chown -R app:app *")
    # want: DKS9004
    subprocess.Popen("/bin/chmod 644 *", shell=True)
