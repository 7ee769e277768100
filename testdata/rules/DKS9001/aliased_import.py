import subprocess as sp
from subprocess import call

# want: DKS9001
sp.run("ls -l /srv", shell=True, check=True)
# want: DKS9001
call("make clean", shell=1)
