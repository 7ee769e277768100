# The build context's .npmrc holds a registry token: reported, and the
# message says the file was read.
FROM node:22
# want: DKS5003 "COPY context/tokened/.npmrc puts an npm config.*read in the build context, with a authtoken set"
COPY context/tokened/.npmrc ./
# Not in the context: judged by its name, as before.
# want: DKS5003 "COPY .yarnrc.yml puts a Yarn config, which holds registry tokens into the image$"
COPY .yarnrc.yml ./
