import glob
import subprocess  # nosec B404


def fix_permissions():
    subprocess.run(["/bin/chmod", "644", *glob.glob("*.conf")], check=True)  # nosec B603
