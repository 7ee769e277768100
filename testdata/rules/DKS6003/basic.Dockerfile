# want-file: DKS6003
FROM nginx:1.27
USER nginx
CMD ["nginx", "-g", "daemon off;"]
