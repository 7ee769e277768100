FROM debian:12
# An empty password is no lock: the shadow field is empty and the account
# logs in with no password (issue 16).
# want: DKS3011 warning "useradd -p '' empties the password field"
RUN useradd -m -p "" dev
# want: DKS3011 warning "usermod -p '' empties"
RUN usermod -p '' app
# want: DKS3011 warning "empties"
RUN useradd --password= -m guest
# want: DKS3011 error "usermod -p '' empties the password field.*root"
RUN usermod -p "" root
# want: DKS3011 warning "passwd -d removes the password"
RUN passwd -d app
