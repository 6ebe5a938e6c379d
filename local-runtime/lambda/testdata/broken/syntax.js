exports.handler = async () => {;
