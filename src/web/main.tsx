import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>支部在线</div>);
