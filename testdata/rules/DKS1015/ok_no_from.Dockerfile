# No FROM: instruction-before-from reports the file once.
CMD ["echo", "one"]
CMD ["echo", "two"]
