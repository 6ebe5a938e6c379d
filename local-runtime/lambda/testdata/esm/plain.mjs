export async function handler(event) { return { got: event.value }; }
const answer = async () => 'the default export';
export default answer;
