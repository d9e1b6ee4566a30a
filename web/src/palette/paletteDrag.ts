import { nodeTypes, type NodeType } from '@waymark/shared';

/** The drag data type a palette item carries; other drags (files, text) are not steps and are ignored. */
export const STEP_MIME = 'application/x-waymark-step';

export function writeDraggedKind(data: DataTransfer, type: NodeType): void {
  data.setData(STEP_MIME, type);
  data.effectAllowed = 'copy';
}

/** Whether a drag carries a step; its data can only be read on drop, but its type can during dragover. */
export function carriesKind(data: DataTransfer): boolean {
  return Array.from(data.types).includes(STEP_MIME);
}

export function readDraggedKind(data: DataTransfer): NodeType | undefined {
  const type = data.getData(STEP_MIME);
  return (nodeTypes as readonly string[]).includes(type) ? (type as NodeType) : undefined;
}
