FROM alpine:3.20
# want: DKS5001 "AWS access key ID"
ENV AWS_ID=AKIAIOSFODNN7EXAMPLE
# want: DKS5001 "GitHub token"
ENV GH=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB
# want: DKS5001 "ENV REPO_URL holds a password in a URL"
ENV REPO_URL=https://deploy:s3cr3tpassw0rd@git.example.com/app.git
# want: DKS5001 "Slack token"
ARG NOTIFY=xoxb-123456789012-abcdefghijkl
