FROM ubuntu:22.04
# bridgecrewio/checkov's RunChpasswd cases: root's password in the file.
# want: DKS3011 error "root's password is written in the Dockerfile"
RUN echo 'root:root' | chpasswd
# An empty password: root logs in with none.
# want: DKS3011 error "root's password"
RUN echo 'root:' | chpasswd
# want: DKS3011 error "root's password"
RUN chpasswd <<< 'root:Docker!'
# want: DKS3011 error "root's password"
RUN echo -e "toor\ntoor" | passwd root
# want: DKS3011 error "passwd -d removes the password"
RUN passwd -d root
# want: DKS3011 error "usermod -p sets an account password hash: root's"
RUN usermod -p '$6$saltsalt$0fO6ld.cZ1nG7d0q9o4ac0dOpbS1T1FEE0vWZ1I9RFCy5pZ6BwPl7LQ6m2nWWw1I3w3e6n4yQ0n7mN8kq5cz/' root
# Another account's literal password is a warning: it still ships.
# want: DKS3011 warning "also in the Dockerfile and the image history"
RUN apt-get update && echo "someuser:somepasswd" | chpasswd && echo "lol"
# Root's password from a build secret is not in the Dockerfile.
# want: DKS3011 warning "ships in /etc/shadow$"
RUN --mount=type=secret,id=rootpw echo "root:$(cat /run/secrets/rootpw)" | chpasswd
