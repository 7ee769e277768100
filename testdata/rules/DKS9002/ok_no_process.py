import os
import shutil


def copy(src, dst):
    shutil.copyfile(src, dst)
    return os.path.getsize(dst)
