FROM rockylinux:9
RUN rpm --import https://repo.example.com/RPM-GPG-KEY && dnf install -y tool-1.0 && dnf clean all
RUN printf '[example]\nbaseurl=https://repo.example.com/\ngpgcheck=1\nrepo_gpgcheck=0\n' > /etc/yum.repos.d/example.repo
RUN echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://repo.example.com/ stable main" > /etc/apt/sources.list.d/example.list
RUN apt-get install -y --no-install-recommends tool=1.0 && apk add --no-cache tool=1.0
RUN rpm -qa --nosignature && zypper -n --gpg-auto-import-keys ref
ENV GOSUMDB=sum.golang.org GOPRIVATE=example.com
RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list
