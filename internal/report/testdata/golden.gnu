a/Dockerfile:1: warning: stage #0 sets no USER, so the container runs as root [DKS9101 test-runs-as-root]
a/Dockerfile:1: info: stage #0 defines no HEALTHCHECK [DKS9104 test-healthcheck-missing]
a/Dockerfile:3.1-5: error: ENV API_TOKEN looks like a secret [DKS9102 test-secret-in-env]
a/Dockerfile:3.1-5: error: ENV DB_PASSWORD looks like a "secret" <password> & is stored 100% in the image config; mot de passe « exposé » [DKS9102 test-secret-in-env]
b/Containerfile:2: style: MAINTAINER is deprecated [DKS9105 test-maintainer]
dir with space/Dockerfile.prod:7: warning: CMD in shell form: line one\nline two, with a colon: here [DKS9103 test-shell-form]
registry.example.com/team/app:1.0:/root/.ssh/id_rsa: error: private key /root/.ssh/id_rsa in layer 2 (deleted later, still shipped) [DKS9106 test-private-key-in-layer]
registry.example.com/team/app:1.0: warning: image config sets no User [DKS9101 test-runs-as-root]
c/Dockerfile:2: error: unknown instruction: FORM (did you mean FROM?)
