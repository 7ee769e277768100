FROM python:3.12-slim
# dirsearch's and deface's images: a branch's archive, no hash.
# want: DKS2003 warning "downloads an archive of the branch master and installs it without a hash"
RUN pip3 install --no-cache-dir https://github.com/maurosoria/dirsearch/archive/refs/heads/master.zip
# want: DKS2003 "pip install of git\+https://github.com/org/proj.git@main follows the branch main"
RUN pip install git+https://github.com/org/proj.git@main
# want: DKS2003 "follows the default branch \(no ref\)"
RUN pip install "git+https://github.com/org/proj.git#egg=proj"
# want: DKS2003 "torch-2.4.0-cp312-cp312-linux_x86_64.whl downloads an archive and installs it without a hash"
RUN pip install https://download.pytorch.org/whl/cpu/torch-2.4.0-cp312-cp312-linux_x86_64.whl
# want: DKS2003 "npm install of https://example.com/pkg-1.0.0.tgz downloads a tarball"
RUN npm install -g https://example.com/pkg-1.0.0.tgz
# want: DKS2003 "npm i of github:user/repo#main follows the branch main"
# want: DKS2003 "npm i of user/other follows the default branch"
RUN npm i github:user/repo#main user/other
# curl saves both debs under their remote names; neither is checked.
# want: DKS2003 "a_1.0_amd64.deb downloaded by curl \(line 19\) is installed by dpkg"
# want: DKS2003 "b_1.0_amd64.deb downloaded by curl \(line 19\) is installed by dpkg"
RUN curl -fsSL --remote-name-all https://example.com/a_1.0_amd64.deb https://example.com/b_1.0_amd64.deb && dpkg -i a_1.0_amd64.deb b_1.0_amd64.deb
# want: DKS2003 "d.deb downloaded by curl"
RUN curl -fsSL -O https://example.com/c.deb -O https://example.com/d.deb && dpkg -i d.deb
