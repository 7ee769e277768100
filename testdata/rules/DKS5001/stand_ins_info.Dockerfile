FROM ruby:3.3
# Rails precompiles assets with a stand-in key; the real one comes at run
# time. Nothing secret is stored: info, not an error.
# want: DKS5001 info "ARG SECRET_KEY_BASE has a secret's name and a stand-in value"
ARG SECRET_KEY_BASE=precompile_placeholder
# A placeholder ARG default only asks for a value at build time.
# want: DKS5001 info "ARG ADMIN_PASSWORD"
ARG ADMIN_PASSWORD=changeme
# want: DKS5001 info "ENV STRIPE_KEY"
ENV STRIPE_KEY=dummy-key
# want: DKS5001 info "ENV GITHUB_TOKEN"
ENV GITHUB_TOKEN=placeholder
# A default credential in ENV works until someone changes it: an error.
# want: DKS5001 error "ENV DB_PASSWORD looks like a secret"
ENV DB_PASSWORD=changeme
