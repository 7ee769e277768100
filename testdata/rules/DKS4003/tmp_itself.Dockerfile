FROM node:22-alpine
# openfaas' node templates: 777 on /tmp itself drops its sticky bit, so
# any user may delete or replace another's files there.
# want: DKS4003 warning "chmod 777"
RUN chmod 777 /tmp
USER app
CMD ["node", "index.js"]
