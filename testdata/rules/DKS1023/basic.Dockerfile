FROM node:22
# want: DKS1023 "Relative workdir \"app\""
WORKDIR app
WORKDIR lib
FROM node:22
# want: DKS1023 "Relative workdir \"relative/dir\""
WORKDIR 'relative/dir'
